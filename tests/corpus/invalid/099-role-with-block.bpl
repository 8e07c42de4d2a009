// invalid: a role takes no block.
role Admin { }
