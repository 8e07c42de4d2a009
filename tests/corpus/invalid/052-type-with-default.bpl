// invalid: a type alias takes no default value.
type Count = int = 0
