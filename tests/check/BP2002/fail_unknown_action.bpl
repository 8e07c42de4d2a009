// BP2002: a policy rule names an action that is neither built in, an operation nor a trigger.

blueprint Shop {
  version "1.0.0"
}

role Clerk

entity Customer {
  id: uuid @id @generated
}

policy Access {
  allow Clerk to [read, updte] on Customer
}
