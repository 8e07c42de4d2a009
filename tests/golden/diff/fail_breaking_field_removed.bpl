// ARGS: diff --breaking diff/field_removed.old.bpi %s
// Removing a field breaks readers and writers of the record (WIRE) and the generated type
// (SOURCE); --breaking makes that exit 1.
blueprint Clinic { version "1.1.0" }

entity Patient {
  id: uuid @id @generated
  name: string
}
