// BP2222: an empty placeholder `{}` names no parameter.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation getOrder(id: uuid) @http(GET, "/orders/{}") by Clerk
}
