// ARGS: ir --eliminate-dead --verify-each %s
blueprint Shop { version "1.0.0" }
type Unused = string @maxLength(3)
type Code = string @maxLength(8)
enum Color { red, green }
struct Box { width: int, color: Color }
entity Order { id: uuid @id @generated, code: Code, lines: list<Line> @inverse(order) }
entity Line { id: uuid @id @generated, order: Order }
entity Lonely { id: uuid @id @generated, box: Box }
event Forgotten { order: Order }
role Clerk
role Ghost
policy { allow Clerk to * }
api Shop at "/v1" { resource Order }
