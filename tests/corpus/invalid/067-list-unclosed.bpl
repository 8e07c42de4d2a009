// invalid: the list's `[` is not closed.
entity E {
  tags: list<int> = [1, 2
}
