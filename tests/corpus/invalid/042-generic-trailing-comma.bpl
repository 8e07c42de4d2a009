// invalid: generic arguments take no trailing comma.
entity E {
  counts: map<string, int,>
}
