// invalid: a workflow holds transitions, not fields.
workflow W on E.status {
  status: string
}
