// ARGS: build %s --target openapi --dry-run --out out
// The openapi backend writes one document per API; a dry run lists them and touches nothing.
blueprint Shop { version "1.0.0" }

role Clerk

entity Customer {
  id: uuid @id @generated
  name: string @maxLength(80)
}

api ShopApi at "/v1" {
  resource Customer
}

/// Internal endpoints.
api AdminApi at "/admin" {
  operation reindex() by Clerk
}
