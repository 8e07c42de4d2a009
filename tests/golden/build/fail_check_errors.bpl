// ARGS: build %s --target jsonschema --dry-run --out out
// A blueprint with errors generates nothing.
blueprint Shop {}

entity Customer {
  id: uuid @id @generated
  owner: Ownr
}
