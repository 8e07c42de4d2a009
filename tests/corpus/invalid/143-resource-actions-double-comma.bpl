// invalid: two commas between resource actions.
api A {
  resource Patient { list,, get }
}
