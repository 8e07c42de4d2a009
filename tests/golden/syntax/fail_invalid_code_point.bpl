type A = string @pattern("\u{D800}")
type B = string @pattern("\u{110000}")
type C = string @pattern("\u{1F600}")
