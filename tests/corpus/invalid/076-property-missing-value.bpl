// invalid: a property without a value.
blueprint Shop {
  version
}
