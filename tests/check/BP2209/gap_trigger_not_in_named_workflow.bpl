// KNOWN GAP: language.md section 13 says actions that do not apply to the target are errors;
// `ship` is a trigger, but not of workflow OrderLife, and the rule is accepted.
// Expected: BP2209 "`ship` is not a trigger of workflow `OrderLife`".

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }
enum Delivery { waiting, shipped }

entity Order {
  id: uuid @id @generated
  status: Status = open
  delivery: Delivery = waiting
}

workflow OrderLife on Order.status {
  open -> closed on close by Clerk
}

workflow Shipping on Order.delivery {
  waiting -> shipped on ship by Clerk
}

policy Access {
  allow Clerk to ship on OrderLife
}
