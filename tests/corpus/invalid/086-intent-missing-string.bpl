// invalid: an intent without its description string.
intent feature {
  uses A
}
