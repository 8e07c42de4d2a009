// Eight independent mistakes in the data model; each should be reported once, and nothing
// else: an unknown type (BP2002), a field declared twice (BP2006), an entity without `@id`
// (BP2103), a default of the wrong type (BP2009), `@min` on a string (BP2007), a map of
// entities (BP2113), `@min` above `@max` (BP2010) and a struct that contains itself (BP2013).

blueprint Shop {
  version "1.0.0"
}

struct Address {
  city: string
  previous: Address
}

entity Customer {
  id: uuid @id @generated
  name: strng
  email: string @unique
  email: string
  visits: int = "many"
  address: Address?
}

entity Product {
  sku: string @unique
  title: string @min(3)
  price: decimal @min(10) @max(1)
}

entity Catalog {
  id: uuid @id @generated
  products: map<string, Product> = {}
}
