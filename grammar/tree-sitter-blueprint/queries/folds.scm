; Every braced, bracketed or parenthesised block folds, and so do runs of comments.
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
  (comment)
] @fold
