// BP2002: an intent kind that is not feature, page, component or integration.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

intent screen "Customer list" { uses Customer }
