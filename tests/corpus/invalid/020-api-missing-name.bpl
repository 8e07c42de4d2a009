// invalid: an api without a name.
api at "/api" { }
