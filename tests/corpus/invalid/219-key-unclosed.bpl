// invalid: A key's list of fields is closed with `)`.
entity Membership {
  id: uuid @id @generated
  a: string
  index (a
}
