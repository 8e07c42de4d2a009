// invalid: an api member is a resource or an operation.
api A {
  endpoint search
}
