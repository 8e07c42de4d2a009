// invalid: `resource` without a name.
api A {
  resource { list }
}
