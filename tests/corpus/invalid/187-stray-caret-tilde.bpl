// invalid: stray `~`.
target t {
  version ~1
}
