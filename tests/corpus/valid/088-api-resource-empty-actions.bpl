// A resource with an empty action list.
api A {
  resource Patient {}
}
