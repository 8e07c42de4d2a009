// An entity declaration.
entity Patient {
  id: uuid @id @generated
  name: string @minLength(1) @maxLength(120)
  email: Email @unique
  birthDate: date?
  tags: list<string> = []
}
