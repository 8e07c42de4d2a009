// invalid: resource actions must be separated by commas.
api A {
  resource Patient { list get }
}
