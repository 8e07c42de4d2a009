// invalid (multi): several stray characters.
entity E {
  a: int;
  #b: int
  c: int = $5
}
