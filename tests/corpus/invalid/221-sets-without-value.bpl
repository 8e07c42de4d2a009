// invalid: an assignment in `sets` needs a value after `=`
workflow W on E.s {
  a -> b on go sets f =
}
