// An operation with parameters, return type, decorators and roles.
api ClinicApi at "/api/v1" {
  /// Finds patients.
  operation searchPatients(query: string @minLength(2), limit: int = 20 @max(100)) -> list<Patient>
    @http(GET, "/patients/search") by Receptionist
}
