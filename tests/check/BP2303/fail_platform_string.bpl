// BP2303: `platform` takes a name, not a string.
blueprint Shop {
  version "1.0.0"
  platform "web"
}

entity Customer {
  id: uuid @id @generated
}
