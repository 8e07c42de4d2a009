// invalid: an api without a body.
api A at "/a"
