// ARGS: build %s --dry-run --out out
// An option value of the wrong type: BP3002 naming the expected type.
blueprint Shop {}

entity Customer {
  id: uuid @id @generated
}

target jsonschema { entityReferences refs }
