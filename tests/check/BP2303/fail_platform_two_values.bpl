// BP2303: `platform` takes one value.
blueprint Shop {
  version "1.0.0"
  platform web, mobile
}

entity Customer {
  id: uuid @id @generated
}
