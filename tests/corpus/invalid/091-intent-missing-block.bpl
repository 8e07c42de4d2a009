// invalid: an intent without a property block.
intent feature "Online booking" priority high
