// BP2007: `@precision` needs `decimal`.

blueprint Shop {
  version "1.0.0"
}

entity Product {
  id: uuid @id @generated
  price: float @precision(10, 2)
}
