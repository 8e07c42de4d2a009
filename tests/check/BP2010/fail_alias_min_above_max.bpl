// BP2010: contradictory bounds on a type alias.

blueprint Shop {
  version "1.0.0"
}

type Percent = float @min(100) @max(0)

entity Customer {
  id: uuid @id @generated
  share: Percent
}
