// BP2107: two entities that require each other.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  account: Account
}

entity Account {
  id: uuid @id @generated
  owner: Customer
}
