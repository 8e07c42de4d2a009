// BP2303: `version` takes a string.
blueprint Shop {
  version 1
}

entity Customer {
  id: uuid @id @generated
}
