// KNOWN GAP: a workflow gives `initial` twice; the last one silently wins.
// Expected: BP2006 "`initial` appears more than once in workflow `OrderLife`" (or similar).

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status
}

workflow OrderLife on Order.status {
  initial open
  initial closed
  open -> closed on close by Clerk
  closed -> open on reopen by Clerk
}
