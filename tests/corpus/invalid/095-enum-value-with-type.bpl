// invalid: enum values take no type.
enum E { a: int }
