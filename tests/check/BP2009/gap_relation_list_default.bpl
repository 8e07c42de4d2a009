// KNOWN GAP: relations take no default (language.md sections 4, 6 and 13: "`bytes` and
// relation defaults"; "an inverse side ... cannot have a default"), but `= []` on a list of
// entities is accepted, on an owned many-to-many side and on an inverse side alike.
// Expected: BP2009 at both `[]`.

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
