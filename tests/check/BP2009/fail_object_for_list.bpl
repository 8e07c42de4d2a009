// BP2009: a list default written as an object.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  tags: list<string> = {}
}
