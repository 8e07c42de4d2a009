// Strings that contain comment markers, braces and stray characters.
entity E {
  url: string = "http://example.com/a//b"
  block: string = "/* not a comment */"
  apostrophe: string = "don't"
  punct: string = "{ } @ # ; $ % & ! ` ' | ^ ~ + \\"
  empty: string = ""
  keyword: string = "entity"
}
