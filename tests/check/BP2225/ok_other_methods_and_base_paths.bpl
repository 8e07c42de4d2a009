// Near misses: another method on /health, and /openapi.json under an API's own base path.

blueprint Shop {
  version "1.0.0"
}

api Ops at "/" {
  operation pingHealth() @http(POST, "/health")
}

api Docs at "/docs" {
  operation spec() -> json @http(GET, "/openapi.json")
}
