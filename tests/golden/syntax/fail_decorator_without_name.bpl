entity Order {
  id: uuid @ id
  total: int @(10)
}
