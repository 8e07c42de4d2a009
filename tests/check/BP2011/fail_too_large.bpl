// BP2011: a pattern in the dialect that RE2 cannot compile within its limits is an error, not a slow match.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern("^((a{1000}){1000}){1000}$")
}
