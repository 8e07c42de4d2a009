// invalid: a type alias without a type.
type Email =
