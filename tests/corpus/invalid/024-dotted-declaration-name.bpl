// invalid: a declaration name is a single name, not a path.
entity clinic.Patient { id: uuid }
