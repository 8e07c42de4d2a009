// A generic type followed directly by `=` or `?`.
entity E {
  a: list<int>= []
  b: map<string,int>?={}
  c: list<list<int>>=[[1]]
}
