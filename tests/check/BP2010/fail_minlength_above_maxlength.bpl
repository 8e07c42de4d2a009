// BP2010: `@minLength` above `@maxLength`.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @minLength(5) @maxLength(2)
}
