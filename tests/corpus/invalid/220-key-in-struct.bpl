// invalid: Keys belong to entities: a struct's block holds fields only.
struct Address {
  city: string
  unique (city)
}
