// invalid: two commas between decorator arguments.
type Money = decimal @precision(12,, 2)
