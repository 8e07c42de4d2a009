// invalid: decorators are not allowed before declarations.
@deprecated
entity Old { id: uuid }
