// invalid: a string at top level.
"hello"
