// invalid: a lone comma in a list.
entity E {
  tags: list<int> = [,]
}
