// BP2115: `@onDelete` on a list (a many-to-many side).

blueprint Shop {
  version "1.0.0"
}

entity Tag {
  id: uuid @id @generated
}

entity Post {
  id: uuid @id @generated
  tags: list<Tag> @onDelete(cascade)
}
