// The near-miss of the BP2307 tests: a name with both parts; a bare address and a bare URL are
// accepted too (tests/backends/openapi checks how each reaches the document).
blueprint Shop {
  version "1.0.0"
  contact "Shop Team <team@shop.example> (https://shop.example/support)"
}

entity Customer {
  id: uuid @id @generated
}
