// invalid: the entity's `{` is missing.
entity Patient
  id: uuid
}
