// BP2002: an intent has no property `summary`.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

intent page "Customer list" { summary "All customers." }
