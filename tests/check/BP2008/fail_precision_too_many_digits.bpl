// BP2008: `@precision` digits are 1 to 38.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  price: decimal @precision(39, 2)
}
