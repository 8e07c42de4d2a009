blueprint Shop {
  version "3.0.0"
}

enum Status { open, shipped, done }

entity Client {
  id: uuid @id @generated
  fullName: string
  email: string @unique
  nickname: string?
  vip: bool = false
  country: string?
  index (country, vip)
}

entity Product {
  id: uuid @id @generated
  title: string
  sku: string? @unique
  price: decimal
  stock: int = 0
  rating: float?
  since: date?
  tags: list<string> = []
  active: bool = true
  weight: float = 1.5
}

entity Order {
  id: uuid @id @generated
  customer: Client
  status: Status = open
  note: string?
  items: list<Product>
  placedAt: datetime?
}

entity Shipment {
  id: uuid @id @generated
  order: Order
  carrier: string @index
  parcels: list<Product>
}
