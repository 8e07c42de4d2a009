// BP2002: type names of SQL, TypeScript, Java and Python are answered with the blueprint type
// that means the same, and a fix where the name alone says it (`Array<string>` is
// `list<string>`, a bare `array` gets the note only); a plain misspelling still gets its
// suggestion.

blueprint Shop { version "1.0.0" }

entity Order {
  id: uuid @id @generated
  placedAt: timestamp
  paid: boolean
  lines: integer
  total: numeric
  weight: double
  label: varchar
  payload: jsonb
  tags: Array<string>
  codes: array
  extra: Record<string, string>
  opensAt: time
  note: strng
}
