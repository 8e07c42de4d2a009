// ARGS: diff diff/does-not-exist.bpi %s
blueprint Clinic { version "1.0.0" }
