// KNOWN GAP: declaration names become identifiers too (classes, enums, modules), but only
// fields, parameters, operations and enum values are checked: an enum named `None` (Python)
// and a trigger named `delete` are not reported. Expected: BP2401 at `None` and `delete`.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum None { a, b }

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
  kind: None = a
}

workflow OrderLife on Order.status {
  open -> closed on delete by Clerk
}
