// An alias may not name an entity (language.md section 3): the relation must be visible
// where it is declared.

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
