// Property values that are strings.
target typescript {
  package "@shop/api"
  outDir ""
  banner "generated -- do not edit"
}
