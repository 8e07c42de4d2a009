// BP2304: `version` is a semantic version MAJOR.MINOR.PATCH.
blueprint Shop {
  version "1.4"
}

entity Customer {
  id: uuid @id @generated
}
