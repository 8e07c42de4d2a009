// ARGS: build %s --target jsonschema --dry-run --out out
// A dry run lists what would be written and touches nothing.
blueprint Shop { version "1.0.0" }

enum Status { active, retired }

entity Customer {
  id: uuid @id @generated
  name: string @maxLength(80)
  status: Status = active
}
