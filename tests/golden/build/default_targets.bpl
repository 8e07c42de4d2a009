// ARGS: build %s --dry-run --out out
// Without --target, the blueprint's target blocks run; those whose backend is not available yet
// are skipped with a note.
blueprint Shop {}

entity Customer {
  id: uuid @id @generated
}

target typescript { package "@shop/api" }
target jsonschema { entityReferences ref }
