// invalid: a no-break space (U+00A0) is not whitespace.
entity E { a: int }
