// invalid: `->` used instead of `:`.
entity Patient {
  name -> string
}
