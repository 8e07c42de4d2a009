// The near-miss of the header tests: every header property.
blueprint Shop {
  version "1.0.0"
  domain "retail"
  platform fullstack
  locales [en, "pt-BR"]
  description "A small shop."
}

entity Customer {
  id: uuid @id @generated
}
