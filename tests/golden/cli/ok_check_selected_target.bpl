// ARGS: check --target python %s
// `bpc check --target` warns about names the selected target's language reserves, as
// `bpc build --target` does; the blueprint has no `target` block, so without the option it says
// nothing about `class` and `match`.
blueprint Reserved {
  version "1.0.0"
}

entity Lesson {
  id: uuid @id @generated
  class: string
  match: int
}
