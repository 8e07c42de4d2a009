// The near-miss of the BP2305 tests: language tags as names and strings, with `-` or `_`
// subtags.

blueprint Shop {
  version "1.0.0"
  locales [en, ar, "pt-BR", zh_Hant_TW]
}

entity Customer {
  id: uuid @id @generated
}
