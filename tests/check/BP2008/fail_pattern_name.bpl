// BP2008: `@pattern` takes a string.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern(digits)
}
