// Relations take no default (language.md sections 4, 6 and 13), so `= []` on a list of
// entities is an error, on an owned many-to-many side and on an inverse side alike.

blueprint Shop {
  version "1.0.0"
}

entity Tag {
  id: uuid @id @generated
}

entity Customer {
  id: uuid @id @generated
  orders: list<Order> = [] @inverse(customer)
}

entity Order {
  id: uuid @id @generated
  customer: Customer
  tags: list<Tag> = []
}
