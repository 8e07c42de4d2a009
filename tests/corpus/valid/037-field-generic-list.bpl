// List fields.
entity Lists {
  tags: list<string>
  ids: list<uuid>
  people: list<Person>
}
