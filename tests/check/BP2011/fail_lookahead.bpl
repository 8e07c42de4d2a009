// BP2011: lookahead is not portable.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern("^(?=a)abc$")
}
