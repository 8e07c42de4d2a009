// BP2014: levels add up across aliases, `?`, `list` and `map`: `B` is 1 + 33 maps + `A`, which is
// 1 + 30 lists + `string`: 66 levels.

blueprint Shop {
  version "1.0.0"
}

type A = list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<list<string>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>
type B = map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, map<string, A>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>

entity Customer {
  id: uuid @id @generated
  b: B?
}
