// BP2225: GET /health and GET /openapi.json are the generated services' own; an operation bound
// to one would be shadowed (or shadow it).

blueprint Shop {
  version "1.0.0"
}

api Ops at "/" {
  operation health() -> string @http(GET, "/health")
  operation spec() -> json @http(GET, "/openapi.json")
}
