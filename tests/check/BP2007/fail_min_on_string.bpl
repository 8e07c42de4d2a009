// BP2007: `@min` needs a number type.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  name: string @min(1)
}
