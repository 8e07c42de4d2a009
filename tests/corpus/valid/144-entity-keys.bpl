// Keys over several fields in an entity block: `unique (...)` and `index (...)`, with or without a
// trailing comma, between fields; `unique` and `index` remain field names before `:`.
entity Membership {
  id: uuid @id @generated
  organization: string
  user: string,
  unique (organization, user)
  index (organization,)
  unique: bool = false
  index: int = 0
  unique (user, index), index (unique)
}
