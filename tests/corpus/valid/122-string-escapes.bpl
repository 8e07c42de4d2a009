// Every simple escape.
entity E {
  quote: string = "say \"hi\""
  backslash: string = "C:\\path\\file"
  newline: string = "line1\nline2"
  cr: string = "a\rb"
  tab: string = "a\tb"
  nul: string = "a\0b"
  all: string = "\"\\\n\r\t\0"
}
