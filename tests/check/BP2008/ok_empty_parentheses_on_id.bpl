// BP2008: `@id()` with empty parentheses is the same as `@id`.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id() @generated
}
