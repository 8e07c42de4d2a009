// BP2211: two problems in one path, each reported.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation move(id: uuid, tags: list<string>) @http(POST, "/items/{item}/tags/{tags}") by Clerk
}
