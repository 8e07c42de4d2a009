// Object defaults.
entity O {
  empty: Settings = {}
  one: Settings = { a: 1 }
  many: Settings = { a: 1, "b": [2], c: { d: "e" }, }
}
