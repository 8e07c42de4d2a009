// Spaces and line breaks inside generic arguments.
entity Spaced {
  a: list < string >
  b: map<  string ,int >
  c: map<
    string,
    list<int>
  >
}
