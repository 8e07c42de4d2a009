entity Patient {
  id: uuid
  name: string
