// List and map elements cannot be optional, also when the optional hides behind an alias:
// `list<MaybeName>` is `list<string?>` (language.md section 3).

blueprint Shop {
  version "1.0.0"
}

type MaybeName = string?

entity Customer {
  id: uuid @id @generated
  names: list<MaybeName> = []
}
