// invalid: a form feed is not whitespace.
entity E { a: int }

role R
