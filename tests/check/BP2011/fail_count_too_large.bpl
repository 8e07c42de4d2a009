// BP2011: counts in `{m,n}` stop at 1000.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern("^a{5,100000}$")
}
