// BP2224: a trigger's route is `/<records>/{id}/<trigger>`, so a parameter named `id` would be a
// second `id` beside the record's.

blueprint Shop {
  version "1.0.0"
}

enum Status { open, closed }

entity Ticket {
  id: uuid @id @generated
  status: Status = open
}

workflow Lifecycle on Ticket.status {
  open -> closed on closeWith(id: string, reason: string?)
}
