// invalid: a target without a name.
target { package "x" }
