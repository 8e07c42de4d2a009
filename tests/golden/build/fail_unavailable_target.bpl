// ARGS: build %s --target cpp --dry-run --out out
// Asking for a backend that is not available yet is an error (exit 2).
blueprint Shop {}

entity Customer {
  id: uuid @id @generated
}
