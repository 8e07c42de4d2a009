// BP2011: patterns on type aliases are checked too.

blueprint Shop {
  version "1.0.0"
}

type Code = string @pattern("[0-9")

entity Customer {
  id: uuid @id @generated
  code: Code
}
