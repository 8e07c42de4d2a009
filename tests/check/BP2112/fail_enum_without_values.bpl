// BP2112: an enum needs at least one value.

blueprint Shop {
  version "1.0.0"
}

enum Status {}

entity Order {
  id: uuid @id @generated
}
