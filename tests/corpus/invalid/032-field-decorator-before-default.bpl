// invalid: the default must come before the decorators.
entity Q {
  limit: int @max(100) = 20
}
