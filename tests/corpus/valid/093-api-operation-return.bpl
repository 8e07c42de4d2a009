// Operations with return types.
api A {
  operation a() -> list<Patient>
  operation b() -> string?
  operation c() -> map<string, list<int>>
  operation d() -> common.Result
}
