// Near misses: whole-segment placeholders, dots inside a segment, and the characters a URL path
// holds as they are.

blueprint Shop {
  version "1.0.0"
}

api Ops at "/ops" {
  operation byId(id: string) @http(GET, "/items/{id}")
  operation versioned() @http(GET, "/v1.2/report.json")
  operation tilde() @http(GET, "/~user/a-b_c")
  operation root() @http(GET, "/")
}
