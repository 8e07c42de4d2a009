// BP2022: a default shorter than `@minLength`.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string = "ab" @minLength(3)
}
