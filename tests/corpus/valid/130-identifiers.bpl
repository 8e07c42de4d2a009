// Identifier forms.
entity _ {
  _x: int
  A1: int
  snake_case_name: int
  camelCase: int
  __dunder__: int
  x9_9: int
}
