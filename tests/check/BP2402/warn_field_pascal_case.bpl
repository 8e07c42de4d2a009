// BP2402 (warning): field names are camelCase.

blueprint Shop {
  version "1.0.0"
}


entity Customer {
  id: uuid @id @generated
  FirstName: string
  last_name: string
}
