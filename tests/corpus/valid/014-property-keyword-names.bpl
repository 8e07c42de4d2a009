// Property names and values may be keywords.
target web {
  type "spa"
  event click
  role admin
  target es2020
  with defaults
  on "change"
  priority high
}
