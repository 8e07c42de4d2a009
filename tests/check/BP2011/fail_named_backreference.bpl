// BP2011: named backreferences are not portable.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern("^(a)\\k<x>$")
}
