// Decorators without arguments.
entity E {
  id: uuid @id @generated
  email: string @unique @index
}
