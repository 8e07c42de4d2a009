; Indentation (nvim-treesitter and Helix captures): the contents of every block are indented
; one level; the closing bracket goes back.
[
  (property_block)
  (enum_body)
  (field_block)
  (entity_block)
  (policy_declaration)
  (workflow_body)
  (api_body)
  (resource_actions)
  (parameters)
  (list_value)
  (object_value)
  (decorator_arguments)
] @indent.begin @indent

["}" "]" ")"] @indent.branch @indent.end @outdent
