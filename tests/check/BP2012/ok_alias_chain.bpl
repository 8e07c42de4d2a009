// The near-miss of the BP2012 tests: a chain of aliases that ends in a real type, declared in
// reverse order.

blueprint Shop {
  version "1.0.0"
}

type Outer = Middle @maxLength(20)
type Middle = list<Inner>
type Inner = string @minLength(1)

entity Customer {
  id: uuid @id @generated
  values: Outer = []
}
