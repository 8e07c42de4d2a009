// invalid: the first entity is not closed before the next declaration starts.
entity Patient {
  id: uuid

entity Doctor {
  id: uuid
}
