// invalid: strings use double quotes.
entity E {
  s: string = 'abc'
}
