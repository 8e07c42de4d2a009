// Declaration names become identifiers too (classes, enums, modules), and triggers become
// methods: an enum named `None` (Python) and a trigger named `delete` are reported.

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

target typescript {}
target python {}
target cpp {}
