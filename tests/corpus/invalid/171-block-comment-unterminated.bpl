// invalid: a block comment that is never closed.
entity E { a: int }
/* this comment
   never ends
entity F { b: int }
