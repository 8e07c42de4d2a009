// KNOWN GAP: `list` and `map` are predeclared type names (language.md sections 1 and 3) and
// cannot be redeclared, but `type list = string` is accepted (only a naming warning).
// Expected: BP2005 "`list` is a built-in type and cannot be redeclared".

blueprint Shop {
  version "1.0.0"
}

type list = string

entity Customer {
  id: uuid @id @generated
}
