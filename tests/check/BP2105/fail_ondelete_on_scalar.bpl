// `@onDelete` applies to references to entities (language.md section 5), not to a `uuid`.

blueprint Shop {
  version "1.0.0"
}

entity Order {
  id: uuid @id @generated
  customerId: uuid @onDelete(cascade)
}
