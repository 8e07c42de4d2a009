// Near miss: the parameter named after the record it refers to is fine.

blueprint Shop {
  version "1.0.0"
}

enum Status { open, closed }

entity Ticket {
  id: uuid @id @generated
  status: Status = open
}

workflow Lifecycle on Ticket.status {
  open -> closed on closeWith(ticketId: string, reason: string?)
}
