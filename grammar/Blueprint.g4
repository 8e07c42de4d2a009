// Blueprint.g4 — the normative grammar of the Blueprint language (.bpl files).
//
// This grammar is the reference. bpc's hand-written parser (frontend/parser/) must accept and
// reject exactly the same files; tests/conformance/ checks that over tests/corpus/. It is never
// linked into bpc. See docs/language.md for the prose reference and docs/design/syntax.md for why
// the syntax looks the way it does.
//
// Layout is free: newlines and indentation carry no meaning to the grammar. Every declaration
// and member begins with a keyword or a name, so the parser can resynchronise after an error.
// Keywords are contextual: `type`, `event`, `role` and the others are reserved only where the
// grammar expects them, so they stay usable as field, state and value names (see `name`).
grammar Blueprint;

file : declaration* EOF ;

declaration
    : blueprintDecl
    | importDecl
    | typeDecl
    | enumDecl
    | structDecl
    | entityDecl
    | mixinDecl
    | eventDecl
    | roleDecl
    | policyDecl
    | workflowDecl
    | apiDecl
    | handlerDecl
    | intentDecl
    | targetDecl
    ;

// ---- blueprint header, imports, targets, intents -------------------------------------------
blueprintDecl : BLUEPRINT name propertyBlock ;
importDecl    : IMPORT STRING ;
targetDecl    : TARGET name propertyBlock ;
intentDecl    : INTENT name STRING (PRIORITY name)? propertyBlock ;

propertyBlock : '{' property* '}' ;
property      : name value (',' value)* ;

// ---- data -----------------------------------------------------------------------------------
typeDecl   : TYPE name '=' typeRef decorator* ;
enumDecl   : ENUM name '{' (enumValue ','?)* '}' ;
enumValue  : name decorator* ;
structDecl : STRUCT name fieldBlock ;
entityDecl : ENTITY name (WITH name (',' name)*)? entityBlock ;
// A named group of fields that entities include: `entity Order with Audited { ... }`.
mixinDecl  : MIXIN name fieldBlock ;
eventDecl  : EVENT name fieldBlock ;

fieldBlock : '{' (field ','?)* '}' ;
// An entity's block also declares keys over several fields: `unique (org, user)`, `index (a, b)`.
entityBlock : '{' ((field | key) ','?)* '}' ;
key         : (UNIQUE | INDEX) '(' name (',' name)* ','? ')' ;
field      : name ':' typeRef ('=' value)? decorator* ;

typeRef       : path typeArguments? '?'? ;
typeArguments : '<' typeRef (',' typeRef)* '>' ;

decorator     : '@' name ('(' (value (',' value)* ','?)? ')')? ;

// ---- security -------------------------------------------------------------------------------
roleDecl   : ROLE name ;
policyDecl : POLICY name? '{' policyRule* '}' ;
policyRule : (ALLOW | DENY) nameList TO actionSet (ON nameList)? (WHEN name)? ;
nameList   : '*' | name (',' name)* ;
actionSet  : '*' | name | '[' name (',' name)* ','? ']' ;

// ---- behaviour ------------------------------------------------------------------------------
workflowDecl : WORKFLOW name ON path '{' workflowItem* '}' ;
workflowItem
    : INITIAL name
    | GUARD name
    | transition
    ;
transition
    : name (',' name)* '->' name ON name parameters?
      (BY name (',' name)*)? (WHEN name)? (SETS assignment (',' assignment)*)? (EMITS path (',' path)*)?
    ;
// `sets shippedAt = now, trackingCode = trackingCode`: a field of the record gets a trigger
// parameter, the current time (`now`) or `null`.
assignment : name '=' name ;

apiDecl    : API name (AT STRING)? '{' apiMember* '}' ;
apiMember  : resource | operation ;
resource   : RESOURCE path ('{' (resourceAction (',' resourceAction)* ','?)? '}')? (WITH WORKFLOW path)? ;
// `create emits OrderPlaced`: the action raises a declared event besides its record event.
resourceAction : name (EMITS path)? ;
operation  : OPERATION name parameters ('->' typeRef)? decorator* (BY name (',' name)*)? ;
parameters : '(' (field (',' field)* ','?)? ')' ;

// `handler notifyWarehouse on OrderPlaced`: code written by hand runs after each such event;
// `handler markPaid on PaymentCaptured triggers pay on payment.order` fires a workflow trigger of
// the record the path leads to instead.
handlerDecl : HANDLER name ON path (TRIGGERS name ON path)? ;

// ---- values ---------------------------------------------------------------------------------
value
    : STRING
    | '-'? (INT | FLOAT)
    | path
    | '[' (value (',' value)* ','?)? ']'
    | '{' (entry (',' entry)* ','?)? '}'
    ;
entry : (name | STRING) ':' value ;

path : name ('.' name)* ;

// A name is an identifier or any keyword: keywords are reserved only where a rule names them.
name
    : IDENT
    | BLUEPRINT | IMPORT | TARGET | INTENT | PRIORITY | TYPE | ENUM | STRUCT | ENTITY | EVENT
    | ROLE | POLICY | ALLOW | DENY | TO | ON | WHEN | WORKFLOW | INITIAL | GUARD | BY | EMITS | SETS
    | API | AT | RESOURCE | OPERATION | WITH | UNIQUE | INDEX | MIXIN | HANDLER | TRIGGERS
    ;

// ---- lexical structure ----------------------------------------------------------------------
BLUEPRINT : 'blueprint' ;
IMPORT    : 'import' ;
TARGET    : 'target' ;
INTENT    : 'intent' ;
PRIORITY  : 'priority' ;
TYPE      : 'type' ;
ENUM      : 'enum' ;
STRUCT    : 'struct' ;
ENTITY    : 'entity' ;
EVENT     : 'event' ;
ROLE      : 'role' ;
POLICY    : 'policy' ;
ALLOW     : 'allow' ;
DENY      : 'deny' ;
TO        : 'to' ;
ON        : 'on' ;
WHEN      : 'when' ;
WORKFLOW  : 'workflow' ;
INITIAL   : 'initial' ;
GUARD     : 'guard' ;
BY        : 'by' ;
EMITS     : 'emits' ;
SETS      : 'sets' ;
API       : 'api' ;
HANDLER   : 'handler' ;
TRIGGERS  : 'triggers' ;
AT        : 'at' ;
RESOURCE  : 'resource' ;
OPERATION : 'operation' ;
WITH      : 'with' ;
UNIQUE    : 'unique' ;
MIXIN     : 'mixin' ;
INDEX     : 'index' ;

IDENT : [A-Za-z_] [A-Za-z0-9_]* ;

// A letter or underscore glued to a number (`10px`, `1.5e`, `0x1F`, `1.`) makes one malformed
// BAD_NUMBER token that no rule accepts, rather than a number followed by a name.
FLOAT      : DIGITS '.' DIGITS EXPONENT? | DIGITS EXPONENT ;
INT        : DIGITS ;
BAD_NUMBER
    : DIGITS ('.' DIGITS)? [eE] [+-]?
    | (DIGITS ('.' DIGITS)? EXPONENT? | DIGITS '.') [A-Za-z_] [A-Za-z0-9_]*
    | DIGITS '.'
    ;
fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;

// Strings are one line; escapes are \" \\ \n \r \t \0 and \u{X} with one to six hex digits.
STRING : '"' (ESCAPE | ~["\\\r\n])* '"' ;
fragment ESCAPE : '\\' ( ["\\nrt0] | 'u{' HEX HEX? HEX? HEX? HEX? HEX? '}' ) ;
fragment HEX    : [0-9A-Fa-f] ;

DOC_COMMENT   : '///' ~[\r\n]* -> channel(HIDDEN) ;
LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS            : [ \t\r\n]+ -> channel(HIDDEN) ;

