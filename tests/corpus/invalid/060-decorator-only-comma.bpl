// invalid: a lone comma as the decorator arguments.
type Money = decimal @precision(,)
