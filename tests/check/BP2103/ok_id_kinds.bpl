// The near-miss of the BP2103 tests: `@id` on a uuid, an int and a string.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

entity Invoice {
  number: int @id @generated
}

entity Country {
  code: string @id
  name: string
}
