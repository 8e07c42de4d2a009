// BP2014: `list` nested 65 deep (the parser allows 256 brackets) is one error at the innermost
// reference past the limit.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  grid: list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<string>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>
}
