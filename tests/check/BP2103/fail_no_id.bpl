// BP2103: an entity without an `@id` field.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  name: string
}
