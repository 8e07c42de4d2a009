// The near-miss of the BP2303 tests: every header property with a valid value, including a
// pre-release version and locales written without brackets.
blueprint Shop {
  version "2.0.0-beta.1+build.5"
  domain "retail"
  platform api
  locales en, "pt-BR", zh_Hant
  description "A small shop."
}

entity Customer {
  id: uuid @id @generated
}

intent page "Customers" {
  description "All customers."
  uses Customer
}
