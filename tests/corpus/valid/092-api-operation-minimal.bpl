// An operation with no parameters, return type, decorators or roles.
api A {
  operation ping()
}
