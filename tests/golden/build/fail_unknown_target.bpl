// ARGS: build %s --target jsonschem --dry-run --out out
// An unknown target on the command line: exit 2 with a suggestion.
blueprint Shop {}

entity Customer {
  id: uuid @id @generated
}
