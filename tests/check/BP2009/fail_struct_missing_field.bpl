// BP2009: a struct default without a required field.

blueprint Shop {
  version "1.0.0"
}

struct Address {
  city: string
  country: string
}

entity Customer {
  id: uuid @id @generated
  home: Address = { city: "Oslo" }
}
