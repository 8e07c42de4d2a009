// BP2011: lookbehind is not portable.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern("(?<=a)b")
}
