// BP2007: `@unique` applies to entity fields, not event fields.

blueprint Shop {
  version "1.0.0"
}

entity Order {
  id: uuid @id @generated
}

event OrderPlaced {
  order: Order
  number: string @unique
}
