// BP2007: `@default` on a field; fields take `= value`.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  active: bool @default(true)
}
