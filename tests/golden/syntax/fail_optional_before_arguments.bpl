entity Order {
  items: list?<string>
}
