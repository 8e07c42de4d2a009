// BP2104: three `@id` fields; the second and third are reported.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  email: string @id
  number: int @id
}
