// BP2002: a policy rule for a role that is not declared.

blueprint Shop {
  version "1.0.0"
}

role Clerk

entity Customer {
  id: uuid @id @generated
}

policy Access {
  allow Clerks to read on Customer
}
