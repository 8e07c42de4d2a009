// invalid (multi): two broken fields in one entity, with good fields between them.
entity Patient {
  id: uuid @id
  name string
  email: string
  phone: string? =
  notes: text?
}
