// BP2007: `@generated` needs `uuid`, `int` or `datetime`.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @generated
}
