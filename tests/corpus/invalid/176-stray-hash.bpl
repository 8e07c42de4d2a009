// invalid: stray `#`.
entity E {
  #id: uuid
}
