// A key and a `sets` naming a field (and a parameter) whose type is unknown: the unknown types are
// reported, nothing else, and the checker must not read the missing type.
blueprint S {
  version "1.0.0"
}
enum St { a, b }
entity E {
  id: uuid @id @generated
  x: Unknwn
  s: St = a
  unique (x, s)
}
workflow W on E.s { a -> b on go(p: Nope) sets x = p }
