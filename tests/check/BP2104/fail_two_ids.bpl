// BP2104: two `@id` fields.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  email: string @id
}
