// BP2113: maps of entities are not relations.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

entity Shop {
  id: uuid @id @generated
  customers: map<string, Customer> = {}
}
