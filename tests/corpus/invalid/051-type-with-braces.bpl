// invalid: a type alias has no body.
type Email { value: string }
