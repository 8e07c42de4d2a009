entity E { a: int }
// a line comment at EOF without a newline