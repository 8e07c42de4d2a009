// BP2008: `@deprecated` takes at most one message.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string? @deprecated("Old.", "Use name.")
}
