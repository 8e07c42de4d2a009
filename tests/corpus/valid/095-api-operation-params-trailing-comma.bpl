// A trailing comma in an operation's parameters.
api A {
  operation f(a: int, b: string,) -> int
  operation g(
    a: int,
  )
}
