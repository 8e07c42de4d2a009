// invalid: a type alias without a name.
type = string
