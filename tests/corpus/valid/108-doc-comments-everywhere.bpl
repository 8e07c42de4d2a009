/// The header.
blueprint B {
  /// A property.
  version "1"
}
/// A type.
type T = int
/// An enum.
enum E {
  /// A value.
  a
  /// Another value.
  b
}
/// An entity.
entity X {
  /// A field.
  f: int
}
/// A role.
role R
/// A policy.
policy {
  /// A rule.
  allow R to *
}
/// A workflow.
workflow W on X.s {
  /// The initial state.
  initial a
  /// A transition.
  a -> b on go
}
/// An api.
api A {
  /// A resource.
  resource X
  /// An operation.
  operation f()
}
/// An intent.
intent feature "f" {}
/// A target.
target ts {}
