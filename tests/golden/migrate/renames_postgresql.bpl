// ARGS: migrate migrate/shop.old.bpi %s --dialect postgresql --rename Customer=Client --rename Customer.name=fullName --rename Status.closed=done
// Renames given as hints keep the rows: the table, the column and the convention's constraint
// names are renamed, the enum value rewritten; a new required field gets its default.
blueprint Shop { version "2.0.0" }

enum Status { open, done }

entity Client {
  id: uuid @id @generated
  fullName: string
  email: string @unique
  nickname: string?
  vip: bool = false
}

entity Order {
  id: uuid @id @generated
  customer: Client
  status: Status = open
  note: string?
}
