// The near-miss of fail_workflow_of_other_entity.bpl: two APIs serve the entity's workflow.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status {
  open -> closed on close by Clerk
}

api ShopApi at "/api" {
  resource Order { list, get } with workflow OrderLife
}

api AdminApi at "/admin" {
  resource Order {} with workflow OrderLife
}
