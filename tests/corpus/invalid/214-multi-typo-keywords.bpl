// invalid (multi): several misspelled declaration keywords.
entty A { a: int }
stuct B { b: int }
enm C { x }
entity D { d: int }
