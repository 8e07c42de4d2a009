// Type aliases with decorators.
type Email = string @format(email) @maxLength(254)
type Money = decimal @precision(12, 2) @min(0)
type Flag = bool @deprecated
