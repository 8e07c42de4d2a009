// BP2011: a lazy quantifier is not in the pattern dialect (quantifiers are greedy).

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern("^<.*?>$")
}
