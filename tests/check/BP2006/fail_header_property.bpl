// BP2006: the blueprint header gives a property twice.
blueprint Shop {
  version "1.0.0"
  platform web
  version "1.1.0"
}

entity Customer {
  id: uuid @id @generated
}
