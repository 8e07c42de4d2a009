// KNOWN GAP: language.md section 10: "Several APIs may share a blueprint; their routes must
// not collide." Two APIs with the same base path serve the same route, and bpc check accepts
// it (routes are compared within one API only). Expected: BP2214 for `GET /api/ping`.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation ping() @http(GET, "/ping") by Clerk
}

api AdminApi at "/api" {
  operation ping() @http(GET, "/ping") by Clerk
}
