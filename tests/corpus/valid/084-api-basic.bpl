// An api with a base path.
api ClinicApi at "/api/v1" {
  resource Patient { list, get, create, update, delete }
  operation ping() -> string
}
