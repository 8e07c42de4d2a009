// BP2003: a policy rule's target is a role, not an entity, API or workflow.

blueprint Shop {
  version "1.0.0"
}

role Clerk

entity Customer {
  id: uuid @id @generated
}

policy Access {
  allow Clerk to read on Clerk
}
