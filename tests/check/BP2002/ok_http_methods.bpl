// The near-miss of the unknown HTTP method tests: every method.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation readThing() @http(GET, "/thing") by Clerk
  operation makeThing() @http(POST, "/thing") by Clerk
  operation putThing() @http(PUT, "/thing") by Clerk
  operation patchThing() @http(PATCH, "/thing") by Clerk
  operation dropThing() @http(DELETE, "/thing") by Clerk
}
