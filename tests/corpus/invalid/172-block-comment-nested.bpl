// invalid: block comments do not nest; the last `*/` is stray.
/* outer /* inner */ still outer? */
entity E { a: int }
