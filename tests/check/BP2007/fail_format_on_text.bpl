// BP2007: `@format` needs `string`.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  contact: text @format(email)
}
