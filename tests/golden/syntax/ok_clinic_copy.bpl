// ARGS: check ../../examples/clinic.bpl
