entty Patient {
  id: uuid
}

struct Address { city: string }
