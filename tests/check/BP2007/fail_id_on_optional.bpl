// BP2007: the `@id` field must be required.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid? @id
}
