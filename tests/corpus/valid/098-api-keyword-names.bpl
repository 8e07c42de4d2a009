// Keywords as api, resource, action, operation and parameter names.
api api at "/api" {
  resource resource { resource, operation }
  resource with { with } with workflow workflow
  operation operation(resource: resource, by: to) -> operation by by
  operation at() -> at
}
