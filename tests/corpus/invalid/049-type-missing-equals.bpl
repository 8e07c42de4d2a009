// invalid: a type alias without `=`.
type Email string
