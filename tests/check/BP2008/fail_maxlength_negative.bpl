// BP2008: `@maxLength` takes a whole number, 0 or more.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  name: string @maxLength(-1)
}
