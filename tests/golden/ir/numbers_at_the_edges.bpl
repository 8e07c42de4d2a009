// ARGS: ir --format json %s
// Numbers at the edges of what a 64-bit float holds are kept exactly, in canonical spelling:
// the largest and smallest doubles, a zero with a huge exponent, int bounds at the ends of the
// 64-bit range.
blueprint Numbers {
  version "1.0.0"
}

entity Reading {
  id: uuid @id @generated
  largest: float = 1.7976931348623157e308
  smallest: float = 4.9e-324
  zero: float = 0e99999999999999999999
  negativeZero: float = -0.0e-99999999999999999999
  count: int @min(-9223372036854775808) @max(9223372036854775807)
  fraction: int @min(-9.2e18) @max(9.2e18)
}
