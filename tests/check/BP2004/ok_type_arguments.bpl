// The near-miss of the type-argument tests: lists, maps, nesting, optional collections.

blueprint Shop {
  version "1.0.0"
}

type Tag = string @maxLength(30)

entity Customer {
  id: uuid @id @generated
  tags: list<Tag> = []
  scores: map<string, list<int>> = {}
  nicknames: list<string>?
  matrix: list<list<float>> = []
}
