// BP2103: a field named `id` is not the identity unless it carries `@id`.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @generated
  name: string
}
