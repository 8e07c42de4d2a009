// BP1113: enum values with numbers (`low = 1`) are reported one by one with a fix removing the
// value; the enum still declares every value.
blueprint Shop { version "1.0.0" }

enum Priority { low = 1, high = 2, urgent }

entity Ticket {
  id: uuid @id @generated
  priority: Priority = high
}
