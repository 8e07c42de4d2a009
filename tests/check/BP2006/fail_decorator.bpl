// BP2006: a decorator given twice on one field.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  email: string @unique @maxLength(254) @unique
}
