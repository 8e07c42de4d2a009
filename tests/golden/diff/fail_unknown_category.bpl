// ARGS: diff --categories WIRE,JSON diff/source_only.old.bpi %s
blueprint Clinic { version "1.0.0" }
