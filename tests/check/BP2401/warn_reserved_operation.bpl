// BP2401 (warning): an operation named `delete` (TypeScript, C++).

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation delete(id: uuid) by Clerk
}

target typescript {}
target python {}
target cpp {}
