// ARGS: diff --breaking --categories HTTP diff/api.old.bpi %s
// Routes, parameters and access: everything here breaks HTTP clients.
blueprint Clinic { version "2.0.0" }

role Admin
role Clerk

entity Patient {
  id: uuid @id @generated
  name: string
}

api ClinicApi at "/api/v2" {
  resource Patient { list, get, create, update }
  operation searchPatients(query: string, page: int) -> list<Patient> @http(POST, "/patients/search") by Admin
}
