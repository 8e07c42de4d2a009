// BP2009: a number default for a `string` field.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string = 42
}
