// invalid: `emits` in a resource action names an event
api Shop { resource Order { create emits } }
