// Property values that are names and dotted paths.
blueprint Shop {
  platform fullstack
  base Shop.Core.v1
  style snake_case
}
