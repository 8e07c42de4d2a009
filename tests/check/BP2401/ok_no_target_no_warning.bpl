// No target selected, nothing generated: no reserved-word warnings, even for `class`.

blueprint Shop {
  version "1.0.0"
}

entity Course {
  id: uuid @id @generated
  class: string
}
