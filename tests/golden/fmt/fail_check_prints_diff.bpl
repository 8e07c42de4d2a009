// ARGS: fmt --check %s
role  Admin
