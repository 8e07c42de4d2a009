// BP2002: a policy rule on a target that is neither an entity, an API nor a workflow.

blueprint Shop {
  version "1.0.0"
}

role Clerk

entity Customer {
  id: uuid @id @generated
}

policy Access {
  allow Clerk to read on Customers
}
