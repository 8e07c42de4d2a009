// invalid: the entity's `{` is never closed.
entity Patient {
  id: uuid
  name: string
