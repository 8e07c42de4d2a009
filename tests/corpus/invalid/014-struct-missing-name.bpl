// invalid: a struct without a name.
struct { line1: string }
