// ARGS: build %s --dry-run --out out
// An option the backend does not declare: BP3001 with a suggestion.
blueprint Shop {}

entity Customer {
  id: uuid @id @generated
}

target jsonschema { entityReference id }
