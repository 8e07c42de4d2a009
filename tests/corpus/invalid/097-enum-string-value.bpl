// invalid: enum values are names, not strings.
enum E { "a", "b" }
