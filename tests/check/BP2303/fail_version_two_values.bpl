// BP2303: `version` takes one value.
blueprint Shop {
  version "1.0.0", "2.0.0"
}

entity Customer {
  id: uuid @id @generated
}
