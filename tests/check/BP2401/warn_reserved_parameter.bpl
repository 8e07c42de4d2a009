// BP2401 (warning): a parameter named `namespace` (C++).

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation search(namespace: string) by Clerk
}

target typescript {}
target python {}
target cpp {}
