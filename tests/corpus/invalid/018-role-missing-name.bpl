// invalid: a role without a name.
role
