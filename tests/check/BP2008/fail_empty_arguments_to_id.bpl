// BP2008: `@id()` with an empty argument list still has arguments written.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id() @generated
}
