// KNOWN GAP: language.md sections 12 and 13 say an unknown target option is an error
// (BP2002, attributed to the backend); bpc check accepts `pakage` today.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

target typescript { pakage "@shop/api" }
