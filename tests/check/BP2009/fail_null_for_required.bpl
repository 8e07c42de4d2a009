// BP2009: `null` is the default of optional fields only.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  name: string = null
}
