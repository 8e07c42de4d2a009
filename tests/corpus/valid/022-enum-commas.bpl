// An enum with comma-separated values.
enum AppointmentStatus { requested, confirmed, cancelled, completed }
