// BP2214: routes that differ only in their placeholders' names collide.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation getOrder(id: uuid) @http(GET, "/orders/{id}") by Clerk
  operation getByKey(key: string) @http(GET, "/orders/{key}") by Clerk
}
