// BP2007: `@index` does not apply to a list.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  tags: list<string> = [] @index
}
