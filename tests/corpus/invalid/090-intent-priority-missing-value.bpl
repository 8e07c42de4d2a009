// invalid: `priority` without a value.
intent feature "Online booking" priority {
  uses A
}
