// invalid: property values take no trailing comma.
intent feature "x" {
  uses A, B,
}
