// A guard after `when`.
workflow W on E.status {
  guard ready
  a -> b on go when ready
}
