entity Patient {
  id: uuid

entity Doctor {
  id: uuid
}
