// BP2011: Python-style named groups are not portable.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern("^(?P<year>[0-9]{4})$")
}
