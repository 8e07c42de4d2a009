// ARGS: diff --breaking diff/workflow.old.bpi %s
// Workflow changes: a removed state, a removed trigger, a role taken away, a guard added, an
// event no longer emitted, a new required trigger parameter.
blueprint Clinic { version "2.0.0" }

role Receptionist
role Admin

enum AppointmentStatus { requested, confirmed, cancelled }

entity Appointment {
  id: uuid @id @generated
  at: datetime
  status: AppointmentStatus = requested
}

event AppointmentCancelled { appointment: Appointment, reason: string }

workflow Booking on Appointment.status {
  initial requested
  guard slotIsFree
  guard withinPolicy
  requested -> confirmed on confirm by Receptionist when slotIsFree
  requested, confirmed -> cancelled on cancel(reason: string, note: string) by Admin when withinPolicy
}

api ClinicApi at "/api/v1" {
  resource Appointment { list, get, create } with workflow Booking
}
