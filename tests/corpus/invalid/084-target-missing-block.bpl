// invalid: a target without a property block.
target typescript
