// `list` and `map` are predeclared type names and cannot be redeclared.

blueprint Shop {
  version "1.0.0"
}

type list = string

entity Customer {
  id: uuid @id @generated
}
