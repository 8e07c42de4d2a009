// ARGS: diff --breaking --categories WIRE,HTTP diff/source_only.old.bpi %s
// `string` to an alias of `string` keeps the JSON and changes only the generated type: with
// only WIRE and HTTP selected, it is printed as a plain change and --breaking exits 0.
blueprint Clinic { version "1.1.0" }

type Name = string

entity Patient {
  id: uuid @id @generated
  name: Name
}
