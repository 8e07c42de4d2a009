// invalid (multi): several unterminated strings on separate lines.
blueprint B {
  version "1.0
  domain "health
  description "ok"
}
