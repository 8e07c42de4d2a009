// Nested generics: `>>>` is three `>` tokens.
entity Nested {
  deep: list<map<string, list<int>>>
  pairs: list<list<int>>
}
