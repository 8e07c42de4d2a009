// invalid: an enum without `{`.
enum E a, b }
