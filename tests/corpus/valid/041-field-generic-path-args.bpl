// Generic arguments that are dotted paths, and generic types that are paths.
entity Paths {
  money: list<common.Money>
  lookup: map<string, a.b.C?>?
  custom: lib.collections.Bag<lib.Item>
}
