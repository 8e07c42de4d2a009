// BP2303: `uses` takes declaration names, not strings.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

intent page "Customers" { uses "Customer" }
