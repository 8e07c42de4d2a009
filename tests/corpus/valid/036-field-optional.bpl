// Optional types.
entity Opt {
  a: string?
  b: list<string>?
  c: list<string?>
  d: map<string, int?>?
  e: common.Money?
}
