entity Patient {
  id uuid @id
  name: string @maxLength(
  tags: list<>
}

entity Doctor {
  specialty: string @index;
}

enum Status { a, b c: d }

policy { allow Admin read }
