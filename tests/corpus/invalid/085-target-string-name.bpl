// invalid: a target name must be a name.
target "typescript" { package "x" }
