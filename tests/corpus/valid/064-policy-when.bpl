// A condition after `when`, with and without `on`.
policy {
  allow Member to read on Doctor when isOwner
  allow Member to update when isSelf
}
