// BP2022: a default checked against `^(a+)+$` (exponential for a backtracking engine) is judged at once.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" @pattern("^(a+)+$")
}
