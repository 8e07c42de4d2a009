// The near-miss of the BP2011 tests: the portable subset of section 5, including an escaped
// backslash before a digit (not a backreference) and a non-capturing group.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  phone: string @pattern("^\\+?[0-9 ]{7,20}$")
  slug: string @pattern("^[a-z0-9]+(?:-[a-z0-9]+)*$")
  word: string @pattern("^\\w+\\s?\\d*$")
  path: string @pattern("^C:\\\\1$")
  choice: string @pattern("^(red|green|blue)$")
  counted: text @pattern("^.{2,}$")
}
