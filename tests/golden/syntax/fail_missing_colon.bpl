entity Patient {
  id uuid @id
  name: string
}
