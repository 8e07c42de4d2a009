// ARGS: diff diff/broken.old.bpi %s
// A version that does not check is reported like `bpc check` reports it, and nothing is diffed.
blueprint Clinic { version "1.1.0" }

entity Patient {
  id: uuid @id @generated
}
