// A resource named by a dotted path.
api A {
  resource models.clinic.Patient { get }
}
