// BP2301 (warning): the root file has no `blueprint` header.
entity Customer {
  id: uuid @id @generated
}
