// invalid: the trigger is a single name, not a path.
workflow W on E.status {
  a -> b on actions.go
}
