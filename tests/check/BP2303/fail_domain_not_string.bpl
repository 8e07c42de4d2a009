// BP2303: `domain` takes a string.
blueprint Shop {
  version "1.0.0"
  domain retail
}

entity Customer {
  id: uuid @id @generated
}
