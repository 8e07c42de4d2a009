// BP2303: `description` takes one string.
blueprint Shop {
  version "1.0.0"
  description ["A shop.", "Small."]
}

entity Customer {
  id: uuid @id @generated
}
