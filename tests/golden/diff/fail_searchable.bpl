// ARGS: diff --breaking diff/searchable.old.bpi %s
// A field the search matches no longer being matched breaks searches that found records through
// it; a field newly matched breaks nothing.
blueprint Shop { version "1.1.0" }

entity Product {
  id: uuid @id @generated
  name: string
  notes: text? @searchable
}

api Shop { resource Product }
