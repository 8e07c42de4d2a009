// Deeply nested generics closing four at once.
struct Deep {
  a: map<string, map<string, list<list<int>>>>
  b: list<list<list<list<list<string>>>>>
  c: list<list<int>?>?
}
