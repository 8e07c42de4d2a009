// The near-miss of the BP2019 tests: a map keyed by an alias of `string`.

blueprint Shop {
  version "1.0.0"
}

type Code = string @maxLength(3)

entity Customer {
  id: uuid @id @generated
  byCode: map<Code, int> = {}
}
