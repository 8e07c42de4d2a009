// invalid: enum values are names, not numbers.
enum E { a, 1 }
