// ARGS: diff --breaking diff/compatible.old.bpi %s
// Additions and loosened constraints break nothing: --breaking exits 0 and every change is
// still listed.
blueprint Clinic { version "1.1.0" }

role Clerk

enum Status { active, archived, suspended }

/// Someone who books appointments.
entity Patient {
  id: uuid @id @generated
  name: string @maxLength(120)
  status: Status = active
  phone: string?
  tags: list<string> = []
}

api ClinicApi at "/api/v1" {
  resource Patient { get, list, create }
  operation searchPatients(query: string, limit: int = 20) -> list<Patient> @http(GET, "/patients/search") by Clerk
}
