// The near-miss of the BP2009 tests: a valid default of every kind (section 4's table).

blueprint Shop {
  version "1.0.0"
}

enum Status { open, closed }
struct Address {
  city: string
  country: string = "NO"
  line: string?
}
type PageSize = int @min(1) @max(100) @default(20)

entity Settings {
  id: uuid @id @generated
  name: string = "Main"
  notes: text = ""
  count: int = -12
  big: int = 9223372036854775807
  ratio: float = 2.5e-3
  whole: float = 1
  fee: decimal = 12.50 @precision(8, 2)
  active: bool = false
  ref: uuid = "123e4567-e89b-12d3-a456-426614174000"
  opensOn: date = "2024-02-29"
  at: datetime = "2024-05-01T09:30:00+02:00"
  atUtc: datetime = "2024-05-01T09:30:00.250Z"
  reminder: duration = "PT24H"
  grace: duration = "P1DT2H30M0.5S"
  status: Status = closed
  home: Address = { city: "Oslo" }
  away: Address? = null
  weights: map<string, float> = { morning: 1, "late-evening": 0.5 }
  extra: json = { flags: [true, false], note: null }
  anything: json = 3
  tags: list<string> = ["a", "b",]
  grid: list<list<int>> = [[1, 2], []]
  pageSize: PageSize
  otherPageSize: PageSize = 50
  nickname: string? = null
}
