// ARGS: ir %s
// A field, struct field or parameter whose type is a `@secret` alias (directly, optional, or
// through another alias) is secret itself: the backends read the field's own flag, so `pin` and
// `backup` never appear in answers. A secret is never a filter or sort key of list routes, even
// with `@index` or `@unique`: `GET /users` takes no `pin`, `backup` or `licence` parameter.
blueprint Bank { version "1.0.0" }
type Pin = string @secret @minLength(4)
type BackupPin = Pin
struct Card { pin: Pin? }
entity User {
  id: uuid @id @generated
  pin: Pin @index
  backup: BackupPin?
  licence: string @secret @unique
  card: Card?
  name: string @index
}
api Accounts {
  resource User { list }
  operation unlock(pin: Pin) @http(POST, "/unlock")
}
