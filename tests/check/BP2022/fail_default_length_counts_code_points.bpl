// BP2022: lengths count code points: "ÅÆØ!" has 4, not 3 (nor 7 bytes).

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  initials: string = "ÅÆØ!" @maxLength(3)
}
