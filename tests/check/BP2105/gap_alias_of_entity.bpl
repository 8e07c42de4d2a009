// KNOWN GAP: language.md section 3 says an alias may name anything "but not an entity (name
// the entity itself so the relation is visible)"; `type Owner = Customer` is accepted.
// Expected: an error (BP2105 or BP2003) at `Customer` in the alias.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

type Owner = Customer

entity Order {
  id: uuid @id @generated
  owner: Owner
}
