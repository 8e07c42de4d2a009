// BP2018: scalar types take no type arguments.

blueprint Shop {
  version "1.0.0"
}


entity Customer {
  id: uuid @id @generated
  name: string<int>
}
