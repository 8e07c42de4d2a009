// invalid: there is no `T[]` array syntax; use `list<T>`.
entity Patient {
  tags: string[]
}
