// `@generated` on an `int` makes it a sequence number, which must be the `@id`
// (language.md section 5).

blueprint Shop {
  version "1.0.0"
}

entity Ticket {
  id: uuid @id @generated
  number: int @generated
}
