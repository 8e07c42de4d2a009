// invalid: a role declaration takes no decorators.
role Admin @builtin
