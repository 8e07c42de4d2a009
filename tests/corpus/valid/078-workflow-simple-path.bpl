// A workflow on a plain field name.
workflow W on status {
  a -> b on go
}
