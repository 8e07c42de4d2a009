// ARGS: build %s --target python --dry-run --migrate-from migrate/shop.old.bpi
// `bpc build --migrate-from` names and orders the scripts by the header's version: a new version
// that is not later than the old one is refused before anything is generated.
blueprint Shop { version "1.0.0" }

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
