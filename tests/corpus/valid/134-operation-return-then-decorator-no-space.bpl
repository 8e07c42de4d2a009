// A generic return type followed directly by a decorator.
api A {
  operation f() -> list<int>@cache
  operation g()->list<map<string,int>>@cache @http(GET) by R
}
