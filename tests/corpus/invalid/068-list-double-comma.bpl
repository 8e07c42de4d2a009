// invalid: two commas in a list.
entity E {
  tags: list<int> = [1,, 2]
}
