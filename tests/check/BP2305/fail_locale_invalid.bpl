// BP2305: a locale that is not a language tag.
blueprint Shop {
  version "1.0.0"
  locales [en, "english"]
}

entity Customer {
  id: uuid @id @generated
}
