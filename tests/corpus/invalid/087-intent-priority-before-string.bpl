// invalid: the description comes before `priority`.
intent feature priority high "Online booking" {
  uses A
}
