// The near-miss of the BP2018 tests: scalars and declared types written without type
// arguments, inside `list` and `map`, which take them.

blueprint Shop {
  version "1.0.0"
}

struct Address {
  street: string
}

entity Customer {
  id: uuid @id @generated
  name: string
  home: Address?
  addresses: list<Address> = []
  byLabel: map<string, Address> = {}
}
