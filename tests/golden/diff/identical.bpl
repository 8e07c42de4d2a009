// ARGS: diff --breaking %s %s
blueprint Clinic { version "1.0.0" }

entity Patient {
  id: uuid @id @generated
}
