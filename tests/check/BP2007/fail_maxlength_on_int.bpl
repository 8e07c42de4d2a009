// BP2007: `@maxLength` needs a string, bytes, list or map.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  age: int @maxLength(3)
}
