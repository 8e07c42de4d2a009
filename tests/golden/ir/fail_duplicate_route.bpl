// ARGS: ir --stop-after=check-routes %s
blueprint Shop { version "1.0.0" }
entity Order { id: uuid @id @generated }
role Clerk
api Shop at "/v1" {
  resource Order { get }
  operation lookup(key: uuid) -> Order @http(GET, "/orders/{key}") by Clerk
}
