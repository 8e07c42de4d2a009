// KNOWN GAP: list and map elements cannot be optional (language.md section 3), but an
// optional hidden behind an alias is accepted: `list<MaybeName>` is `list<string?>`.
// Expected: BP2004 "list elements cannot be optional" at `MaybeName`.

blueprint Shop {
  version "1.0.0"
}

type MaybeName = string?

entity Customer {
  id: uuid @id @generated
  names: list<MaybeName> = []
}
