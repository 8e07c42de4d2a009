// The near-miss of the BP2107 tests: an optional reference or a list breaks the cycle.

blueprint Shop {
  version "1.0.0"
}

entity Employee {
  id: uuid @id @generated
  manager: Employee?
}

entity Customer {
  id: uuid @id @generated
  account: Account?
}

entity Account {
  id: uuid @id @generated
  owner: Customer
}

entity Team {
  id: uuid @id @generated
  members: list<Member>
}

entity Member {
  id: uuid @id @generated
  team: Team
}
