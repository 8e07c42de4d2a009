// BP2007: `@id` applies to entity fields only.

blueprint Shop {
  version "1.0.0"
}

struct Address {
  code: string @id
  city: string
}

entity Customer {
  id: uuid @id @generated
  address: Address?
}
