// BP2002: an intent priority that is not low, medium, high or critical.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

intent page "Customer list" priority urgent { uses Customer }
