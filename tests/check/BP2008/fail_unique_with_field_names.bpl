// BP2008: `@unique(email)`, as other languages name a key's fields, says that the decorator
// applies to the field it is written on, with a fix removing the arguments.
blueprint Shop { version "1.0.0" }

entity Customer {
  id: uuid @id @generated
  email: string @unique(email)
}
