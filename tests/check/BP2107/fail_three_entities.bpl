// BP2107: a cycle of three required references.

blueprint Shop {
  version "1.0.0"
}

entity Author {
  id: uuid @id @generated
  firstBook: Book
}

entity Book {
  id: uuid @id @generated
  publisher: Publisher
}

entity Publisher {
  id: uuid @id @generated
  founder: Author
}
