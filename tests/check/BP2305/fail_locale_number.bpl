// BP2305: a number among the locales.
blueprint Shop {
  version "1.0.0"
  locales en, 42
}

entity Customer {
  id: uuid @id @generated
}
