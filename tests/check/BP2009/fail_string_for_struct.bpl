// BP2009: a struct default that is not an object.

blueprint Shop {
  version "1.0.0"
}

struct Address { city: string }

entity Customer {
  id: uuid @id @generated
  home: Address = "Oslo"
}
