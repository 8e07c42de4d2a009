entity Box {
  width: int = 10px
  ratio: float = 1.
  big: float = 1e
  hex: int = 0x1F
  grouped: int = 1_000
}
