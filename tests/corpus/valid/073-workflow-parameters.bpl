// Trigger parameters.
workflow W on E.status {
  a -> b on cancel(reason: string)
  b -> c on nothing()
  c -> d on full(a: int = 1 @min(0), b: list<string>?, c: map<string, int> = {},)
  d -> e on one(x: X @d)
}
