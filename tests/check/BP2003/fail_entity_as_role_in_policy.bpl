// BP2003: a policy rule for an entity instead of a role.

blueprint Shop {
  version "1.0.0"
}

role Clerk

entity Customer {
  id: uuid @id @generated
}

policy Access {
  allow Customer to read on Customer
}
