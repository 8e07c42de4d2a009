// BP2002: decorators other schema languages have are answered with what a blueprint writes
// instead, never with a "did you mean" naming an unrelated decorator (`@createdAt` is not
// `@updatedAt`); a plain misspelling still gets its suggestion.
blueprint Shop { version "1.0.0" }

entity Order {
  id: uuid @id @generated @primaryKey
  placedAt: datetime @createdAt
  note: string @nullable
  email: string @email
  total: int @minimum(0)
  code: string @maxlength(8)
  removedAt: datetime? @softDelete
}
