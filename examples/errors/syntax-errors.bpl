// This file has six independent mistakes on purpose: `bpc check` reports each one once,
// with no follow-on errors. The README's main command shows its output.
entity Patient {
  id uuid @id @generated
  name: string @maxLength(120
  email: string @unique;
}

entty Doctor {
  name: string
}

enum Status { requested, confirmed cancelled: x }

policy {
  allow Admin *
}
