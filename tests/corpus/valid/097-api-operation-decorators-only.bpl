// An operation with decorators but no return type or roles.
api A {
  operation f(x: int) @http(POST, "/f") @deprecated
}
