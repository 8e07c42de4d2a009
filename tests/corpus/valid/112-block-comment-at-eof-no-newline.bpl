entity E { a: int }
/* a block comment at EOF without a newline */