// A trailing comma in decorator arguments.
type Money = decimal @precision(12, 2,)
entity E { a: int @range(0, 10,) @one(1,) }
