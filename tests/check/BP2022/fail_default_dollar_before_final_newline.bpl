// BP2022: `$` matches only at the very end, not before a final line feed (as Python's would).

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string = "abc\n" @pattern("^abc$")
}
