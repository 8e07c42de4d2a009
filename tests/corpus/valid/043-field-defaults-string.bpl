// String defaults.
entity S {
  greeting: string = "hello"
  empty: string = ""
  escaped: string = "say \"hi\""
}
