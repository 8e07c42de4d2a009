// invalid: an enum without a name.
enum { a, b }
