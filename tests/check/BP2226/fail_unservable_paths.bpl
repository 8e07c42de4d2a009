// BP2226: routes no client sends as written or no URL can hold unencoded.

blueprint Shop {
  version "1.0.0"
}

api Ops at "/ops" {
  operation query() @http(GET, "/a?b")
  operation space() @http(GET, "/a b")
  operation glued(id: string) @http(GET, "/items/{id}x")
  operation dots() @http(GET, "/a/../b")
  operation dot() @http(GET, "/a/./b")
  operation empty() @http(GET, "/a//b")
  operation trailing() @http(GET, "/a/")
  operation fragment() @http(GET, "/a#b")
  operation accent() @http(GET, "/caf\u{E9}")
  operation pipe() @http(GET, "/a|b")
  // Shown as a string literal: the escape character is not written to the terminal.
  operation control() @http(GET, "/a\u{1B}[31mb")
}
