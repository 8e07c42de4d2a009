// invalid: `?` must follow the generic arguments.
entity E {
  tags: list?<string>
}
