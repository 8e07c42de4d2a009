// invalid: decorator arguments are positional; `key = value` is not allowed.
type Money = decimal @precision(digits = 12)
