// BP2006: an entity field declared twice.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  name: string
  name: text
}
