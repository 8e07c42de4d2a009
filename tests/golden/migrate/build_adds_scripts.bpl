// ARGS: build %s --target python --dry-run --migrate-from migrate/shop.old.bpi
// `bpc build --migrate-from` adds the scripts for both dialects to the project, named by the new
// version, created once and then the user's.
blueprint Shop { version "1.1.0" }

enum Status { open, closed }

entity Customer {
  id: uuid @id @generated
  name: string
  email: string @unique
  nickname: string?
  vip: bool = false
}

entity Order {
  id: uuid @id @generated
  customer: Customer
  status: Status = open
  note: string?
}
