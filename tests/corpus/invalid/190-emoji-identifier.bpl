// invalid: an emoji is not an identifier.
role 😀
