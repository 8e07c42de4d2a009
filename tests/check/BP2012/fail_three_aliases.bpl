// BP2012: a cycle of three aliases, one through a list.

blueprint Shop {
  version "1.0.0"
}

type A = B
type B = list<C>
type C = A

entity Customer {
  id: uuid @id @generated
  value: C?
}
