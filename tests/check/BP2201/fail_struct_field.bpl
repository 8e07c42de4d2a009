// BP2201: a workflow on a struct-typed field.

blueprint Shop {
  version "1.0.0"
}

role Clerk

struct Stage { name: string }

entity Order {
  id: uuid @id @generated
  stage: Stage
}

workflow OrderLife on Order.stage {
  open -> closed on close by Clerk
}
