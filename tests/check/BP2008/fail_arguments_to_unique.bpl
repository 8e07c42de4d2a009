// BP2008: `@unique` takes no arguments.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  email: string @unique(true)
}
