// invalid: a comma after a declaration.
enum E { a, b },
