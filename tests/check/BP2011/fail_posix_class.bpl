// BP2011: POSIX classes are not in the dialect; the caret points inside the string.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern("^[[:alpha:]]+$")
}
