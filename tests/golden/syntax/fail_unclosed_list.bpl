blueprint Shop {
  locales [en, ar
  version "1.0.0"
}
