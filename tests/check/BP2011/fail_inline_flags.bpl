// BP2011: inline flags are not in the dialect; the caret is placed past the \u{...} escape before them.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern("\u{E9}(?i)abc")
}
