// `@value` gives an enum value another spelling on the wire; defaults, workflows and filters keep
// using the names in the blueprint.
blueprint Shop {
  version "1.0.0"
}

enum Priority { low @value("LOW"), normal @value("NORMAL"), high @value("HIGH") }
enum TicketStatus { open @value("OPEN"), closed @value("CLOSED") }

entity Ticket {
  id: uuid @id @generated
  priority: Priority = Priority.normal @index
  status: TicketStatus = open
}

workflow Support on Ticket.status {
  open -> closed on close
}
