// A file with a syntax error still gets every semantic check elsewhere: each mistake below is
// reported once, and nothing that only follows from the broken field is.
blueprint Shop {
  version "1.0.0"
}

import "broken_import.bpi"

entity Customer {
  id: uuid @id @generated
  email string @unique
  name: string @minLength(10) @maxLength(5)
}

entity Order {
  id: uuid @id @generated
  customer: Customer @inverse(email)
  status: Statu = placed
  total: decimal = "ten"
  item: Item
  supplier: Supplier
  warehouse: Warehouse
}

enum OrderStatus { placed, paid }

workflow Flow on Order.status {
  placed -> paid on pay
  paid -> shipped on ship
}
