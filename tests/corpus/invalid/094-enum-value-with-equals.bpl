// invalid: enum values take no `= value`.
enum E { a = 1, b = 2 }
