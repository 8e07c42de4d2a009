blueprint Shop {
  version "1.0.0"
}

enum Status { open, closed }

entity Customer {
  id: uuid @id @generated
  name: string
  email: string @unique
  nickname: string?
}

entity Product {
  id: uuid @id @generated
  title: string @index
  price: decimal
}

entity Order {
  id: uuid @id @generated
  customer: Customer
  status: Status = open
  note: string?
  items: list<Product>
}
