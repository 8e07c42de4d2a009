// Intents with a priority.
intent feature "Online booking" priority high {
  description "Members book and cancel their own appointments."
  uses ClinicApi, Booking
}
