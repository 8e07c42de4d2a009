
blueprint Shop {
  version "1.0.0"
}

type Code = string @maxLength(3)

entity Customer {
  id: uuid @id @generated
  byCode: map<Code, int> = {}
}
