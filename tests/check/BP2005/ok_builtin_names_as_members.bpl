// The near-miss of the BP2005 tests: members may be named like built-in types, and declared
// types may differ from them only in case.

blueprint Shop {
  version "1.0.0"
}

type Text = string @maxLength(200)
enum Kind { string, number }

entity Customer {
  id: uuid @id @generated
  text: Text
  date: date
  kind: Kind = string
  json: json?
}
