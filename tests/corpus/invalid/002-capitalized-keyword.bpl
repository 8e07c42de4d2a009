// invalid: keywords are lower case; `Entity` is not a declaration keyword.
Entity Patient { id: uuid }
