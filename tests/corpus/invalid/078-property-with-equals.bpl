// invalid: properties are `name value`, not `name = value`.
blueprint Shop {
  version = "1.0.0"
}
