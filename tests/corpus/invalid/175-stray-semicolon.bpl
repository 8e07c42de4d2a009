// invalid: there are no semicolons.
type Email = string;
