// invalid: A key names at least one field.
entity Membership {
  id: uuid @id @generated
  unique ()
}
