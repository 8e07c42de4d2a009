// BP2008: `@http` takes a method and a path.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation ping() @http("/ping") by Clerk
}
