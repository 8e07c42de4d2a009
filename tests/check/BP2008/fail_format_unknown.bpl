// BP2008: `@format` takes one of the known formats.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  phone: string @format(phone)
}
