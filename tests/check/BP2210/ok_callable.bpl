// The near-miss of the BP2210 tests: `by`, an allow rule on the API, an allow rule for every
// action, and a trigger granted on another of its transitions.

blueprint Shop {
  version "1.0.0"
}

role Clerk
role Admin

enum Status { open, paid, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status {
  open -> paid on pay by Clerk
  open -> closed on close by Admin
  paid -> closed on close
}

api ShopApi at "/api" {
  operation purgeCache() by Admin
  operation reindex()
}

api AdminApi at "/admin" {
  operation audit()
}

policy Access {
  allow Clerk to reindex on ShopApi
  allow Admin to *
}
