// invalid: a number at top level.
entity E {}
42
