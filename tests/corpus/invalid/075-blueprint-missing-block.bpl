// invalid: a blueprint header without a property block.
blueprint Shop
