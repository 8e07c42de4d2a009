// BP2003: a resource for a struct; only entities are served as resources.

blueprint Shop {
  version "1.0.0"
}

struct Address { city: string }

api ShopApi at "/api" {
  resource Address
}
