// invalid: there are no union types.
type Id = int | string
