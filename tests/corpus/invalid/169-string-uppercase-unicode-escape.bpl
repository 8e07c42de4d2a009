// invalid: the unicode escape is `\u{...}`, not `\U{...}`.
entity E {
  s: string = "\U{41}"
}
