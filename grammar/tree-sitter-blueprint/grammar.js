/**
 * @file Tree-sitter grammar for Blueprint (.bpl), the language of bpc.
 * @license MIT
 *
 * A transcription of the normative ANTLR grammar, grammar/Blueprint.g4: it accepts and rejects
 * the same files (tests/treesitter/treesitter_conformance.py checks that against bpc over the
 * corpus and the examples). Where the two differ in shape, the ANTLR grammar wins.
 *
 * - Keywords are contextual: `word` makes every keyword a keyword only where the grammar expects
 *   it, and `_name` accepts every keyword as a name, aliased to `identifier`.
 * - Where a keyword could continue a transition or start the next one (`by`, `when`, `sets`,
 *   `emits`), the parser forks (the declared conflict on `transition`) and keeps the branch the
 *   next token allows, as ANTLR and bpc look one token further.
 * - Numbers are lexed by src/scanner.c so that a number glued to letters, underscores or a
 *   dangling dot or exponent (`10px`, `1.`, `1e`, `0x1F`) is no token at all, as BAD_NUMBER is
 *   no token any rule accepts.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

// Every keyword of Blueprint.g4, in the order of its `name` rule.
const KEYWORDS = [
  'blueprint', 'import', 'target', 'intent', 'priority', 'type', 'enum', 'struct', 'entity',
  'event', 'role', 'policy', 'allow', 'deny', 'to', 'on', 'when', 'workflow', 'initial', 'guard',
  'by', 'emits', 'sets', 'api', 'at', 'resource', 'operation', 'with', 'unique', 'index', 'mixin',
  'handler', 'triggers',
];

/**
 * One or more `rule`s separated by commas.
 * @param {RuleOrLiteral} rule
 */
function commaSep1(rule) {
  return seq(rule, repeat(seq(',', rule)));
}

/**
 * Zero or more `rule`s separated by commas, with an optional trailing comma.
 * @param {RuleOrLiteral} rule
 */
function commaSepTrailing(rule) {
  return optional(seq(commaSep1(rule), optional(',')));
}

module.exports = grammar({
  name: 'blueprint',

  // Only space, tab, carriage return and line feed are whitespace (no form feed, no
  // no-break space). Comments may stand between any two tokens.
  extras: $ => [/[ \t\r\n]/, $.comment, $.doc_comment],

  externals: $ => [$.integer, $.float],

  word: $ => $.identifier,

  // `a -> b on go by r` followed by `when`, `by`, `sets` or `emits`: a clause of this transition
  // or the first source state of the next one, decided by the token after it.
  conflicts: $ => [[$.transition]],

  supertypes: $ => [$._declaration, $._value],

  rules: {
    source_file: $ => repeat($._declaration),

    _declaration: $ => choice(
      $.blueprint_declaration,
      $.import_declaration,
      $.type_declaration,
      $.enum_declaration,
      $.struct_declaration,
      $.entity_declaration,
      $.mixin_declaration,
      $.event_declaration,
      $.role_declaration,
      $.policy_declaration,
      $.workflow_declaration,
      $.api_declaration,
      $.handler_declaration,
      $.intent_declaration,
      $.target_declaration,
    ),

    // ---- blueprint header, imports, targets, intents ------------------------------------------
    blueprint_declaration: $ => seq('blueprint', field('name', $._name), field('body', $.property_block)),

    import_declaration: $ => seq('import', field('path', $.string)),

    target_declaration: $ => seq('target', field('name', $._name), field('body', $.property_block)),

    intent_declaration: $ => seq(
      'intent',
      field('name', $._name),
      field('description', $.string),
      optional(seq('priority', field('priority', $._name))),
      field('body', $.property_block),
    ),

    property_block: $ => seq('{', repeat($.property), '}'),

    property: $ => seq(field('name', $._name), commaSep1(field('value', $._value))),

    // ---- data ---------------------------------------------------------------------------------
    type_declaration: $ => seq(
      'type',
      field('name', $._name),
      '=',
      field('type', $.type_reference),
      repeat($.decorator),
    ),

    enum_declaration: $ => seq('enum', field('name', $._name), field('body', $.enum_body)),

    enum_body: $ => seq('{', repeat(seq($.enum_value, optional(','))), '}'),

    enum_value: $ => seq(field('name', $._name), repeat($.decorator)),

    struct_declaration: $ => seq('struct', field('name', $._name), field('body', $.field_block)),

    entity_declaration: $ => seq(
      'entity',
      field('name', $._name),
      optional(seq('with', commaSep1(field('mixin', $._name)))),
      field('body', $.entity_block),
    ),

    mixin_declaration: $ => seq('mixin', field('name', $._name), field('body', $.field_block)),

    event_declaration: $ => seq('event', field('name', $._name), field('body', $.field_block)),

    field_block: $ => seq('{', repeat(seq($.field, optional(','))), '}'),

    entity_block: $ => seq('{', repeat(seq(choice($.field, $.key), optional(','))), '}'),

    key: $ => seq(
      field('kind', choice('unique', 'index')),
      '(',
      commaSep1(field('field', $._name)),
      optional(','),
      ')',
    ),

    field: $ => seq(
      field('name', $._name),
      ':',
      field('type', $.type_reference),
      optional(seq('=', field('default', $._value))),
      repeat($.decorator),
    ),

    type_reference: $ => seq(
      field('name', $.path),
      optional(field('arguments', $.type_arguments)),
      optional(field('optional', '?')),
    ),

    type_arguments: $ => seq('<', commaSep1($.type_reference), '>'),

    decorator: $ => seq('@', field('name', $._name), optional(field('arguments', $.decorator_arguments))),

    decorator_arguments: $ => seq('(', commaSepTrailing($._value), ')'),

    // ---- security -----------------------------------------------------------------------------
    role_declaration: $ => seq('role', field('name', $._name)),

    policy_declaration: $ => seq(
      'policy',
      optional(field('name', $._name)),
      '{',
      repeat($.policy_rule),
      '}',
    ),

    policy_rule: $ => seq(
      field('effect', choice('allow', 'deny')),
      field('subjects', $.name_list),
      'to',
      field('actions', $.action_set),
      optional(seq('on', field('resources', $.name_list))),
      optional(seq('when', field('condition', $._name))),
    ),

    name_list: $ => choice($.wildcard, commaSep1($._name)),

    action_set: $ => choice(
      $.wildcard,
      $._name,
      seq('[', commaSep1($._name), optional(','), ']'),
    ),

    wildcard: _ => '*',

    // ---- behaviour ----------------------------------------------------------------------------
    workflow_declaration: $ => seq(
      'workflow',
      field('name', $._name),
      'on',
      field('field', $.path),
      field('body', $.workflow_body),
    ),

    workflow_body: $ => seq(
      '{',
      repeat(choice($.initial_state, $.guard_declaration, $.transition)),
      '}',
    ),

    initial_state: $ => seq('initial', field('name', $._name)),

    guard_declaration: $ => seq('guard', field('name', $._name)),

    transition: $ => seq(
      commaSep1(field('from', $._name)),
      '->',
      field('to', $._name),
      'on',
      field('trigger', $._name),
      optional(field('parameters', $.parameters)),
      optional(seq('by', commaSep1(field('role', $._name)))),
      optional(seq('when', field('guard', $._name))),
      optional(seq('sets', commaSep1($.assignment))),
      optional(seq('emits', commaSep1(field('event', $.path)))),
    ),

    // `sets shippedAt = now`: a field of the record gets a trigger parameter, `now` or `null`.
    assignment: $ => seq(field('field', $._name), '=', field('value', $._name)),

    api_declaration: $ => seq(
      'api',
      field('name', $._name),
      optional(seq('at', field('base_path', $.string))),
      field('body', $.api_body),
    ),

    api_body: $ => seq('{', repeat(choice($.resource, $.operation)), '}'),

    resource: $ => seq(
      'resource',
      field('entity', $.path),
      optional(field('actions', $.resource_actions)),
      optional(seq('with', 'workflow', field('workflow', $.path))),
    ),

    resource_actions: $ => seq('{', commaSepTrailing($.resource_action), '}'),

    // `create emits OrderPlaced`: the action raises a declared event besides its record event.
    resource_action: $ => seq(field('name', $._name), optional(seq('emits', field('event', $.path)))),

    operation: $ => seq(
      'operation',
      field('name', $._name),
      field('parameters', $.parameters),
      optional(seq('->', field('return_type', $.type_reference))),
      repeat($.decorator),
      optional(seq('by', commaSep1(field('role', $._name)))),
    ),

    parameters: $ => seq('(', commaSepTrailing(alias($.field, $.parameter)), ')'),

    handler_declaration: $ => seq(
      'handler',
      field('name', $._name),
      'on',
      field('event', $.path),
      optional(seq('triggers', field('trigger', $._name), 'on', field('record', $.path))),
    ),

    // ---- values -------------------------------------------------------------------------------
    _value: $ => choice($.string, $.number, $.path, $.list_value, $.object_value),

    // A minus sign is a token of its own: `- 5` is `-5`.
    number: $ => seq(optional('-'), choice($.integer, $.float)),

    list_value: $ => seq('[', commaSepTrailing($._value), ']'),

    object_value: $ => seq('{', commaSepTrailing($.entry), '}'),

    entry: $ => seq(field('key', choice($._name, $.string)), ':', field('value', $._value)),

    path: $ => seq($._name, repeat(seq('.', $._name))),

    // A name is an identifier or any keyword: keywords are reserved only where a rule names them.
    _name: $ => choice($.identifier, ...KEYWORDS.map(keyword => alias(keyword, $.identifier))),

    // ---- lexical structure --------------------------------------------------------------------
    identifier: _ => /[A-Za-z_][A-Za-z0-9_]*/,

    // Strings are one line; escapes are \" \\ \n \r \t \0 and \u{X} with one to six hex digits.
    string: $ => seq(
      '"',
      repeat(choice($.string_content, $.escape_sequence)),
      token.immediate('"'),
    ),

    string_content: _ => token.immediate(prec(1, /[^"\\\r\n]+/)),

    escape_sequence: _ => token.immediate(seq(
      '\\',
      choice(/["\\nrt0]/, /u\{[0-9A-Fa-f]{1,6}\}/),
    )),

    // `///` starts a doc comment; `//`, `////` and more, and `/* */` (not nesting) are comments.
    doc_comment: _ => token(seq('///', optional(seq(/[^/\r\n]/, /[^\r\n]*/)))),

    comment: _ => token(choice(
      seq('//', optional(seq(/[^/\r\n]/, /[^\r\n]*/))),
      seq('////', /[^\r\n]*/),
      seq('/*', /[^*]*\*+([^/*][^*]*\*+)*/, '/'),
    )),
  },
});
