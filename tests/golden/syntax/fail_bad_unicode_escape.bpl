type A = string @pattern("\u{}")
type B = string @pattern("\u{1234567}")
