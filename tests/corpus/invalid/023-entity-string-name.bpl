// invalid: a declaration name must be a name, not a string.
entity "Patient" { id: uuid }
