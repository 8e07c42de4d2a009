// invalid: `with workflow` without a workflow name.
api A {
  resource Appointment with workflow
}
