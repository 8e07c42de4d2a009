; Scopes and definitions for Blueprint (.bpl). Declarations are file-wide and may be used
; before they are declared; fields, parameters and enum values are local to their block.

(source_file) @local.scope
(field_block) @local.scope
(entity_block) @local.scope
(enum_body) @local.scope
(parameters) @local.scope
(workflow_body) @local.scope

(type_declaration name: (identifier) @local.definition.type)
(enum_declaration name: (identifier) @local.definition.type)
(struct_declaration name: (identifier) @local.definition.type)
(entity_declaration name: (identifier) @local.definition.type)
(mixin_declaration name: (identifier) @local.definition.type)
(event_declaration name: (identifier) @local.definition.type)
(workflow_declaration name: (identifier) @local.definition.type)
(role_declaration name: (identifier) @local.definition.constant)
(api_declaration name: (identifier) @local.definition.namespace)
(handler_declaration name: (identifier) @local.definition.function)
(operation name: (identifier) @local.definition.function)
(field name: (identifier) @local.definition.field)
(parameter name: (identifier) @local.definition.parameter)
(enum_value name: (identifier) @local.definition.constant)
(initial_state name: (identifier) @local.definition.constant)
(guard_declaration name: (identifier) @local.definition.function)

(type_reference name: (path (identifier) @local.reference))
(entity_declaration mixin: (identifier) @local.reference)
(transition from: (identifier) @local.reference)
(transition to: (identifier) @local.reference)
(transition guard: (identifier) @local.reference)
(transition role: (identifier) @local.reference)
(operation role: (identifier) @local.reference)
(policy_rule subjects: (name_list (identifier) @local.reference))
(policy_rule resources: (name_list (identifier) @local.reference))
(resource entity: (path (identifier) @local.reference))
(resource workflow: (path (identifier) @local.reference))
