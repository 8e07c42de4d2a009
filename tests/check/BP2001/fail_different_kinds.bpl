// BP2001: an enum and an entity share a name; kinds do not matter, there is one namespace.

blueprint Shop {
  version "1.0.0"
}

enum Status { active, closed }

entity Status {
  id: uuid @id @generated
}
