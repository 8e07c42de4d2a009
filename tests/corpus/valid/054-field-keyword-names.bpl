// Fields named with every keyword.
entity AllKeywords {
  blueprint: string
  import: string
  target: string
  intent: string
  priority: int
  type: string
  enum: string
  struct: string
  entity: string
  event: string
  role: string
  policy: string
  allow: bool
  deny: bool
  to: string
  on: date
  when: datetime
  workflow: string
  initial: string
  guard: string
  by: string
  emits: string
  api: string
  at: datetime
  resource: string
  operation: string
  with: string
}
