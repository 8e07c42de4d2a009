// invalid: two commas between fields.
entity Point { x: float,, y: float }
