// BP2114: nor to a list of entities.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

struct Group {
  members: list<Customer>
}

entity Club {
  id: uuid @id @generated
  group: Group?
}
