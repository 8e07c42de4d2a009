// KNOWN GAP: `@inverse` applies to fields whose type is an entity, `Entity?` or
// `list<Entity>` (language.md section 5); on a `string` field it is silently ignored.
// Expected: BP2007 or BP2105 at `@inverse(customer)`.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  orderNames: string @inverse(customer)
}

entity Order {
  id: uuid @id @generated
  customer: Customer
}
