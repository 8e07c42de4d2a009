// BP2006: a struct field declared twice.

blueprint Shop {
  version "1.0.0"
}

struct Address {
  city: string
  city: string
}

entity Customer {
  id: uuid @id @generated
  address: Address?
}
