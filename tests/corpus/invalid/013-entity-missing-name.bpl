// invalid: an entity without a name.
entity {
  id: uuid
}
