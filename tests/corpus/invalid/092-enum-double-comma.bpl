// invalid: two commas between enum values.
enum E { a,, b }
