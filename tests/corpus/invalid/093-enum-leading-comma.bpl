// invalid: a comma before the first enum value.
enum E { , a, b }
