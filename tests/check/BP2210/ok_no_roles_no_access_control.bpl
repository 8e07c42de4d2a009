// A blueprint that declares no role has no access control: every operation and trigger is open
// to every caller, so none is "uncallable" (no BP2210).

blueprint Shop {
  version "1.0.0"
}

enum Status { open, closed }

entity Ticket {
  id: uuid @id @generated
  status: Status = open
}

workflow Lifecycle on Ticket.status {
  open -> closed on close
}

api ShopApi at "/api" {
  resource Ticket { list, get } with workflow Lifecycle
  operation purgeCache()
}
