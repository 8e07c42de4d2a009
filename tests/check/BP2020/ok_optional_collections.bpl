// The near-miss of the BP2020 tests: a list or map may itself be optional, and may hold
// structs with optional fields; only the elements cannot be optional.

blueprint Shop {
  version "1.0.0"
}

struct Line {
  note: string?
}

type Name = string

entity Customer {
  id: uuid @id @generated
  nicknames: list<Name>?
  scores: map<string, int>?
  lines: list<Line> = []
}
