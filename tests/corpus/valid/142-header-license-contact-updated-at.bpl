// Language 1.1 spellings that reuse existing productions: header properties `license` and
// `contact` (string values), and the `@updatedAt` decorator without arguments.
blueprint Shop {
  version "1.1.0"
  license "Apache-2.0 OR MIT"
  contact "Shop Team <team@shop.example> (https://shop.example/support)"
}

entity Order {
  id: uuid @id @generated
  createdAt: datetime @generated
  updatedAt: datetime @updatedAt
}
