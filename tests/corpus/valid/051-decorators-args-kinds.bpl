// Decorator arguments of every value kind.
entity E {
  a: string @d("s", 1, -2, 3.5, name, a.b, [1, 2], {k: v}, - 4, 1e3)
  b: string @http(GET, "/patients/search")
}
