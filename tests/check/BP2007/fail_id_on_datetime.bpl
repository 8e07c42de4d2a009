// BP2007: `@id` needs `uuid`, `int` or `string`.

blueprint Shop {
  version "1.0.0"
}

entity Reading {
  at: datetime @id @generated
  value: float
}
