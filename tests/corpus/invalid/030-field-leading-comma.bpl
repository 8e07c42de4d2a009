// invalid: a comma before the first field.
entity Point { , x: float }
