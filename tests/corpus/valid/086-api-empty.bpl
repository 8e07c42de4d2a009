// Empty apis.
api A {}
api B at "/b" {}
