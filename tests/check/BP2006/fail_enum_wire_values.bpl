// BP2006: two enum values may not travel alike, by name or by `@value`; BP2008 for a `@value`
// that is not one non-empty string.
blueprint Shop {
  version "1.0.0"
}

enum Priority {
  low @value("LOW")
  medium @value("low")
  high @value("LOW")
  urgent @value("")
  blocker @value(1)
}
