// BP2001: two entities with the same name in one file.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  name: string
}

entity Customer {
  id: uuid @id @generated
  email: string
}
