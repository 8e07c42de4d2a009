blueprint Shop {
  description "never closed
  version "1.0.0"
}
