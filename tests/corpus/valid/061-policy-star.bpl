// Stars for roles, actions and resources.
policy {
  allow * to read
  allow Admin to *
  deny * to delete on *
  allow * to * on *
}
