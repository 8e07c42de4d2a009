// Eight independent mistakes in workflows, policies and APIs; each should be reported once,
// and nothing else: an unknown guard (BP2002), two transitions on one trigger from one state
// (BP2204), an event field no transition can fill (BP2208), an unknown event (BP2002), an
// unknown policy action (BP2002), a resource with another entity's workflow (BP2213), an
// `@http` path without `/` (BP2211) and a base path ending in `/` (BP2212).

blueprint Shop {
  version "1.0.0"
}

role Clerk
role Admin

enum Status { open, paid, closed }

entity Customer {
  id: uuid @id @generated
}

entity Order {
  id: uuid @id @generated
  status: Status = open
  customer: Customer
}

event OrderPaid {
  order: Order
  receipt: string
}

event OrderClosed { order: Order }

workflow OrderLife on Order.status {
  guard isPaid
  open -> paid on pay by Clerk emits OrderPaid
  paid -> closed on close by Clerk when isPayed
  open -> closed on pay by Admin when isPaid
  closed -> open on reopen by Admin emits OrderReopened
}

api ShopApi at "/api/" {
  resource Order { list, get } with workflow OrderLife
  resource Customer { list, get } with workflow OrderLife
  operation stats() -> int @http(GET, "stats") by Admin
}

policy Access {
  allow Clerk to [read, refund] on Order
  allow Admin to *
}
