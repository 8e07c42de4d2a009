// BP2022: a list default longer than `@maxLength`.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  tags: list<string> = ["a", "b", "c"] @maxLength(2)
}
