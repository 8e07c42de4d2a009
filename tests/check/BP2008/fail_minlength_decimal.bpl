// BP2008: `@minLength` takes a whole number.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  name: string @minLength(1.5)
}
