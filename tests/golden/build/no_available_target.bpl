// ARGS: build %s --dry-run --out out
// Only targets whose backends are not available yet: nothing to build, not an error.
blueprint Shop {}

entity Customer {
  id: uuid @id @generated
}

target cpp { namespace "shop" }
