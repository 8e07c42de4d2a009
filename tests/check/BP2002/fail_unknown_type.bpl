// BP2002: a field type that names nothing; `strng` is close to `string`.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  name: strng
}
