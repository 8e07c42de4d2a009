// Action lists in brackets, with one item and with a trailing comma.
policy {
  allow A to [read, create, update]
  allow B to [read]
  allow C to [read, write,]
}
