// Negative numbers in lists and objects.
target t {
  list [-1, - 2.5, -3e2, -0]
  obj { a: -1, b: - 2.5 }
}
