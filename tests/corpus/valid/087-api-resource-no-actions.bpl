// A resource without an action list.
api A {
  resource Patient
  resource Doctor
}
