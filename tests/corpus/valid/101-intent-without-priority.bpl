// An intent without a priority.
intent page "Front desk" { uses Appointment, Patient }
