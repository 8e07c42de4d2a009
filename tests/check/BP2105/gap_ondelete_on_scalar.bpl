// KNOWN GAP: `@onDelete` applies to references (language.md section 5); on a `uuid` field it
// is silently ignored. Expected: BP2007 or BP2105 at `@onDelete(cascade)`.

blueprint Shop {
  version "1.0.0"
}

entity Order {
  id: uuid @id @generated
  customerId: uuid @onDelete(cascade)
}
