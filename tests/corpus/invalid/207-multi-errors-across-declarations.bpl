// invalid (multi): one mistake in each of several declarations.
entity Patient {
  id uuid
}
enum Status { a,, b }
policy {
  allow Admin read
}
role Admin
