blueprint Shop {
  version "2.0.0"
}

enum Status { open, shipped, done }

entity Client {
  id: uuid @id @generated
  fullName: string
  email: string @unique
  nickname: string?
  vip: bool = false
  country: string?
}

entity Product {
  id: uuid @id @generated
  title: string
  sku: string? @unique
  price: decimal
}

entity Order {
  id: uuid @id @generated
  customer: Client
  status: Status = open
  note: string = ""
  items: list<Product>
  placedAt: datetime?
}
