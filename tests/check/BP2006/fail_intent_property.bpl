// BP2006: an intent gives a property twice.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

intent page "Customers" {
  uses Customer
  description "All customers."
  description "Every customer."
}
