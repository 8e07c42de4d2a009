// BP2003: `uses X.op` where X is an entity, not an API.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

intent page "Customers" { uses Customer.list }
