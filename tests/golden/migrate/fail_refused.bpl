// ARGS: migrate migrate/shop.old.bpi %s
// Without hints a rename is a removal: refused, as are a new required field without a default
// and an enum value rows may hold; nothing is written.
blueprint Shop { version "2.0.0" }

enum Status { open }

entity Client {
  id: uuid @id @generated
  name: string
  email: string @unique
}

entity Order {
  id: uuid @id @generated
  customer: Client
  status: Status = open
  note: string?
  total: decimal
}
