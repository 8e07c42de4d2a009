// BP2002: a struct default names a field the struct does not have.

blueprint Shop {
  version "1.0.0"
}

struct Address {
  city: string
  country: string = "NO"
}

entity Customer {
  id: uuid @id @generated
  home: Address = { city: "Oslo", contry: "SE" }
}
