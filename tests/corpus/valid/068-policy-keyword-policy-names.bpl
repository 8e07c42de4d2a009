// Policies named with keywords.
policy policy { }
policy allow { allow A to read }
policy deny {}
