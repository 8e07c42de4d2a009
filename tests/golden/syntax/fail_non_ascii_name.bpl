entity Café {
  id: uuid
}
