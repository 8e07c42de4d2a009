// BP2008: `@deprecated`'s message is a string.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string? @deprecated(2)
}
