// Mixins give entities their fields, decorators and references; keys, workflows and APIs use
// them like the entity's own. The id may come from a mixin.
blueprint Shop {
  version "1.0.0"
}

entity Organization { id: uuid @id @generated }
enum Status { open, closed }

mixin Identified { id: uuid @id @generated }
mixin Tenanted { organization: Organization @index @onDelete(cascade) }
mixin Tracked {
  status: Status = open
  createdAt: datetime @generated
  updatedAt: datetime @updatedAt
  closedAt: datetime?
}

entity Ticket with Identified, Tenanted, Tracked {
  title: string @searchable
  unique (organization, title)
}

workflow Support on Ticket.status {
  open -> closed on close sets closedAt = now
}

api Desk {
  resource Ticket with workflow Support
}
