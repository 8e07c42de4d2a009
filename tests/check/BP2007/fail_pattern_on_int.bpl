// BP2007: `@pattern` needs `string` or `text`.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: int @pattern("^[0-9]+$")
}
