// invalid: `- >` is not `->`.
workflow W on E.status {
  a - > b on go
}
