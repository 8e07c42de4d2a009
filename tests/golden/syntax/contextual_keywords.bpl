// ARGS: parse %s
entity Event {
  type: string
  event: string
  role: string
  to: string
  on: datetime
  initial: bool
}

enum Keyword { type, entity, by, emits }
