// BP2011: `\Z` is not in the dialect; `$` already matches only at the very end.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern("^abc\\Z")
}
