// BP2002: `uses` names a declaration that does not exist.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

intent page "Customer list" { uses Customers }
