// invalid: an event without a name.
event { at: datetime }
