// BP2015: an enum and a struct, or an api and an event, may not differ only in case either: all
// declarations share one namespace, and backends write files for several kinds.

blueprint Shop {
  version "1.0.0"
}

enum Status { open, closed }

struct STATUS {
  note: string
}

api Orders {}

event orders {
  at: datetime
}
