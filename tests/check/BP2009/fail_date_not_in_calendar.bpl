// BP2009: `date` and `datetime` defaults that are not days of the calendar or times of a day:
// 31 February, year 0 (RFC 3339 has it; the generated services and their databases do not), hour 24.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  since: date = "2023-02-29"
  founded: date = "0000-01-01"
  at: datetime = "2024-05-01T24:00:00Z"
}
