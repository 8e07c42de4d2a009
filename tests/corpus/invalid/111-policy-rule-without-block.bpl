// invalid: rules go inside the policy's braces.
policy allow Admin to read
