// BP2303: an intent's `description` takes a string.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

intent page "Customers" { description 42 }
