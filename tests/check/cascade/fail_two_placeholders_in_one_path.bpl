// Two problems in one path, each reported: a placeholder that names no parameter (BP2222) and
// one that names a list parameter (BP2223).

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation move(id: uuid, tags: list<string>) @http(POST, "/items/{item}/tags/{tags}") by Clerk
}
