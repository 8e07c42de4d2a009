entity Patient {
  id:
  name: string
}
