// BP2002: the blueprint header has no property `verison`.
blueprint Shop {
  verison "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}
