// The blueprint header with the usual properties.
blueprint Shop {
  version "1.0.0"
  domain "retail"
  platform fullstack
  locales [en, ar]
  description "A small shop."
}
