// invalid: a comma before the first generic argument.
entity E {
  counts: map<, int>
}
