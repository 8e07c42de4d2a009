// invalid: identifiers are ASCII; Arabic belongs in strings.
entity مريض {
  id: uuid
}
