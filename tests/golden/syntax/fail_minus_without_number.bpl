entity Account {
  balance: int = -x
}
