// BP2009: a struct default whose field has the wrong type.

blueprint Shop {
  version "1.0.0"
}

struct Address { city: string }

entity Customer {
  id: uuid @id @generated
  home: Address = { city: 7 }
}
