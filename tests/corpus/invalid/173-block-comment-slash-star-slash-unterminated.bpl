// invalid: `/*/` opens a block comment that is never closed.
entity E { a: int }
/*/