// Object keys that are keywords and strings.
target t {
  o { type: "x", to: 1, "with space": 2, entity: { on: [] } }
}
