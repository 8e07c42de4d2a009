// `@inverse` applies to references to entities (language.md section 5), not to a `string`.

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
