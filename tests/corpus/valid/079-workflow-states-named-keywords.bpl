// States, guards and events named with keywords; the parser must look ahead.
workflow W on E.status {
  initial initial
  guard guard
  initial -> emits on start
  emits -> by on next by by
  by -> when on go when guard
  when -> initial on reset emits emits
}
