// ARGS: migrate migrate/shop.old.bpi %s
// SQLite cannot alter a table's constraints: a table whose definition changes is rebuilt, its
// rows copied (null notes become the new default), with foreign keys checked before COMMIT.
blueprint Shop { version "2.0.0" }

enum Status { open, closed }

entity Customer {
  id: uuid @id @generated
  name: string
  email: string @unique
  nickname: string?
}

entity Order {
  id: uuid @id @generated
  customer: Customer
  status: Status = open
  note: string = ""
}
