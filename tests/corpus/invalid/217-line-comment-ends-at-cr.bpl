// invalid: a line comment ends at a lone carriage return, so the `}` after it is code
role A // c}
