// invalid: nested generics closed one `>` short.
entity E {
  deep: list<map<string, list<int>>
}
