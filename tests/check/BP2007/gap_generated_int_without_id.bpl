// KNOWN GAP: language.md section 5 says `@generated` applies to `uuid`, `int` *with `@id`*
// or `datetime`; a generated `int` that is not the id is accepted.
// Expected: BP2007 "`@generated` does not apply to ..." at `@generated`.

blueprint Shop {
  version "1.0.0"
}

entity Ticket {
  id: uuid @id @generated
  number: int @generated
}
