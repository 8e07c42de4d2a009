// ARGS: diff --breaking diff/source_only.old.bpi %s
// The same change as categories_select_what_breaks.bpl breaks SOURCE, which is selected by
// default.
blueprint Clinic { version "1.1.0" }

type Name = string

entity Patient {
  id: uuid @id @generated
  name: Name
}
