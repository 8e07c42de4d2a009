// BP2008: `@precision` takes digits and scale.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  price: decimal @precision(10)
}
