; Highlights for Blueprint (.bpl).
;
; Every pattern captures nodes no other pattern captures (names are told apart by where they
; stand, and `#any-of?`/`#not-any-of?` split the predeclared words from the others), so the
; result is the same whether an editor lets the first or the last matching pattern win.
; Capture names follow nvim-treesitter's; Helix falls back from `a.b` to `a`.

; ---- comments ---------------------------------------------------------------------------------
(comment) @comment
(doc_comment) @comment.documentation

; ---- keywords ---------------------------------------------------------------------------------
; Keywords are contextual: used as names they are `identifier` nodes, so only keywords that stand
; where the grammar expects a keyword match these.
"import" @keyword.import

[
  "blueprint"
  "target"
  "intent"
  "priority"
  "role"
  "policy"
  "workflow"
  "api"
  "resource"
  "operation"
  "handler"
  "at"
  "with"
] @keyword

[
  "type"
  "enum"
  "struct"
  "entity"
  "mixin"
  "event"
] @keyword.type

[
  "unique"
  "index"
] @keyword.modifier

[
  "allow"
  "deny"
  "to"
  "on"
  "when"
  "initial"
  "guard"
  "by"
  "emits"
  "sets"
  "triggers"
] @keyword.operator

; ---- declarations -----------------------------------------------------------------------------
(blueprint_declaration name: (identifier) @module)
(target_declaration name: (identifier) @module)
(intent_declaration name: (identifier) @label)
(intent_declaration priority: (identifier) @constant)

[
  (type_declaration name: (identifier) @type.definition)
  (enum_declaration name: (identifier) @type.definition)
  (struct_declaration name: (identifier) @type.definition)
  (entity_declaration name: (identifier) @type.definition)
  (mixin_declaration name: (identifier) @type.definition)
  (event_declaration name: (identifier) @type.definition)
]

(entity_declaration mixin: (identifier) @type)

(role_declaration name: (identifier) @constant)
(policy_declaration name: (identifier) @label)

(workflow_declaration name: (identifier) @type.definition)
(api_declaration name: (identifier) @module)
(handler_declaration name: (identifier) @function)

; ---- fields, types, decorators ----------------------------------------------------------------
(field name: (identifier) @property)
(parameter name: (identifier) @variable.parameter)
(key field: (identifier) @property)
(enum_value name: (identifier) @constant)

((type_reference
  name: (path . (identifier) @type.builtin .))
  (#any-of? @type.builtin
    "string" "text" "int" "float" "decimal" "bool" "uuid" "date" "datetime" "duration" "bytes"
    "json" "list" "map"))

((type_reference
  name: (path . (identifier) @type .))
  (#not-any-of? @type
    "string" "text" "int" "float" "decimal" "bool" "uuid" "date" "datetime" "duration" "bytes"
    "json" "list" "map"))

(type_reference
  name: (path (identifier) @module (identifier)))

(type_reference
  name: (path (identifier) (identifier) @type .))

(decorator "@" @attribute name: (identifier) @attribute)

; ---- security ---------------------------------------------------------------------------------
(policy_rule subjects: (name_list (identifier) @constant))
(policy_rule actions: (action_set (identifier) @function.method))
(policy_rule resources: (name_list (identifier) @type))
(policy_rule condition: (identifier) @function)
(wildcard) @character.special

; ---- behaviour --------------------------------------------------------------------------------
(workflow_declaration field: (path (identifier) @type . (identifier)))
(workflow_declaration field: (path (identifier) @property .))
(initial_state name: (identifier) @constant)
(guard_declaration name: (identifier) @function)
(transition from: (identifier) @constant)
(transition to: (identifier) @constant)
(transition trigger: (identifier) @function)
(transition role: (identifier) @constant)
(transition guard: (identifier) @function)
(transition event: (path (identifier) @type))
(assignment field: (identifier) @property)
(assignment value: (identifier) @variable)

(resource entity: (path (identifier) @type))
(resource workflow: (path (identifier) @type))
(resource_action name: (identifier) @function.method)
(resource_action event: (path (identifier) @type))
(operation name: (identifier) @function)
(operation role: (identifier) @constant)

(handler_declaration event: (path (identifier) @type))
(handler_declaration trigger: (identifier) @function)
(handler_declaration record: (path (identifier) @property))

; ---- values -----------------------------------------------------------------------------------
(property name: (identifier) @property)
(entry key: (identifier) @property)

(string) @string
(escape_sequence) @string.escape
(number) @number
(float) @number.float

((path . (identifier) @boolean .)
  (#any-of? @boolean "true" "false"))

((path . (identifier) @constant.builtin .)
  (#any-of? @constant.builtin "null" "now"))

; ---- punctuation ------------------------------------------------------------------------------
["{" "}" "(" ")" "[" "]" "<" ">"] @punctuation.bracket
["," ":" "."] @punctuation.delimiter
["=" "->" "?" "-"] @operator
