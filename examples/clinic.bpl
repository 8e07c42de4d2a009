// Clinic: appointment booking for a small clinic. This is the showcase blueprint that the
// README's first command checks and formats.
blueprint Clinic {
  version "1.4.0"
  domain "healthcare"
  platform fullstack
  locales [en, ar]
  description "Appointment booking for a small clinic."
  license "Apache-2.0"
  contact "Clinic Platform Team <platform@clinic.example> (https://clinic.example/support)"
}

/// An e-mail address.
type Email = string @format(email) @maxLength(254)
/// An amount of money in the clinic's currency.
type Money = decimal @precision(12, 2) @min(0)

enum AppointmentStatus { requested, confirmed, cancelled, completed }

/// An address embedded in other records (a value type, no identity).
struct Address {
  line1: string @minLength(1)
  city: string
  country: string @pattern("^[A-Z]{2}$")
}

/// Someone who books appointments.
entity Patient {
  id: uuid @id @generated
  name: string @minLength(1) @maxLength(120)
  email: Email @unique
  phone: string? @pattern("^\\+?[0-9 ]{7,20}$")
  birthDate: date?
  address: Address?
  tags: list<string> = []
  appointments: list<Appointment> @inverse(patient)
}

entity Doctor {
  id: uuid @id @generated
  name: string
  specialty: string @index
}

entity Appointment {
  id: uuid @id @generated
  patient: Patient @onDelete(cascade) // a relation: a reference to another entity
  doctor: Doctor
  at: datetime
  fee: Money = 0
  status: AppointmentStatus = requested
  notes: text?
}

event AppointmentConfirmed { appointment: Appointment, at: datetime }
event AppointmentCancelled { appointment: Appointment, reason: string }

role Admin
role Receptionist
role Member

policy {
  allow Admin to *
  allow Receptionist to [read, create, update] on Patient, Appointment, Doctor
  allow Member to read on Doctor
}

workflow Booking on Appointment.status {
  initial requested
  guard slotIsFree
  requested -> confirmed on confirm by Receptionist when slotIsFree emits AppointmentConfirmed
  requested, confirmed -> cancelled on cancel(reason: string) by Receptionist, Admin
    emits AppointmentCancelled
  confirmed -> completed on complete by Receptionist
}

api ClinicApi at "/api/v1" {
  resource Patient { list, get, create, update, delete }
  resource Doctor { list, get }
  resource Appointment { list, get, create } with workflow Booking
  /// Finds patients whose name or e-mail contains the query.
  operation searchPatients(query: string @minLength(2), limit: int = 20 @max(100)) -> list<Patient>
    @http(GET, "/patients/search") by Receptionist
}

intent feature "Online booking" priority high {
  description "Members book and cancel their own appointments."
  uses ClinicApi, Booking
}

intent page "Front desk" priority medium { uses Appointment, Patient }

target typescript { package "@clinic/api" }
target python { package "clinic_api" }
target cpp { namespace "clinic" }
