// BP2403: a mixin no entity includes is never checked (its fields become nobody's).
blueprint Shop {
  version "1.0.0"
}

mixin Audit {
  by: string
}

entity Order {
  id: uuid @id @generated
}
