// Leading zeros are allowed in integers and decimals.
entity N {
  a: int = 007
  b: float = 00.50
  c: float = 01e01
}
