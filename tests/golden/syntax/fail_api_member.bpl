api Shop at "/v1" {
  endpoint getOrders
  resource Order
}
