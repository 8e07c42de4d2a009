// Map fields.
entity Maps {
  counts: map<string, int>
  byId: map<uuid, Person>
  labels: map<string, list<string>>
}
