// BP2011: named groups are not portable.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern("^(?<year>[0-9]{4})$")
}
