// invalid: an action raises one event; a second name after it is not an action
api Shop { resource Order { create emits A B } }
