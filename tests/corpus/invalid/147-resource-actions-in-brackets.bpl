// invalid: resource actions go in braces, not brackets.
api A {
  resource Patient [list, get]
}
