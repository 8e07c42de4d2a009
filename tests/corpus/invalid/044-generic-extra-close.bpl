// invalid: one `>` too many.
entity E {
  tags: list<string>>
}
