// ARGS: check --format json %s
// BP2002 with its fix in JSON. BUG in the fix: the edit replaces the whole `ShopApi.purgeCaches`
// with `purgeCache`, so applying it gives `uses purgeCache` (an unknown declaration); it
// should replace only `purgeCaches` (or the whole with `ShopApi.purgeCache`).

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation purgeCache() by Clerk
}

intent feature "Cache control" { uses ShopApi.purgeCaches }
