// Several rules on one line.
policy { allow A to read deny B to * allow C to [x] on D when e }
