// invalid: the priority is a name, not a number.
intent feature "Online booking" priority 1 {
  uses A
}
