// ARGS: parse --dump-ast %s
workflow Flow on Order.status {
  initial draft
  draft, held -> placed on place(note: string = "x") by Clerk when ok emits Placed, Audit.Logged
}
api Shop at "/v1" {
  resource Order { list, get } with workflow Flow
  operation search(q: string) -> list<Order> @http(GET, "/search") by Clerk
}
