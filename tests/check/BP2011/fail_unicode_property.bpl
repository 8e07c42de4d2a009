// BP2011: Unicode property escapes are not in the dialect (Python's re has none).

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  name: string @pattern("^\\p{L}+$")
}
