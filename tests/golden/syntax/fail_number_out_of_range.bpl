// Numbers that a 64-bit float cannot hold are refused where they are written, never changed:
// `1e999` used to pass check and break every backend, and `5e99999999999999999999` became `5`.
blueprint Numbers {
  version "1.0.0"
}

entity Reading {
  id: uuid @id @generated
  huge: float = 1e999
  bound: float @min(0) @max(1e999)
  exponent: decimal = 5e99999999999999999999
  tiny: float = 1e-999
  nested: json = { values: [1, 2, -1e400] }
  count: int @max(99999999999999999999)
  low: int @min(-1e19)
}
