// BP2003: a field typed with a role.

blueprint Shop {
  version "1.0.0"
}

role Clerk

entity Customer {
  id: uuid @id @generated
  owner: Clerk
}
