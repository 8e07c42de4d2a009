// A property may take several comma-separated values of any kind.
intent feature "Multi" {
  uses Catalog, Cart, Checkout
  mixed 1, "two", three, [4], {five: 5}, -6
}
