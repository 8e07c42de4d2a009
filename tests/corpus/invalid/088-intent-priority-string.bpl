// invalid: the priority is a name, not a string.
intent feature "Online booking" priority "high" {
  uses A
}
