// invalid: a handler names the event it handles after `on`
handler notifyWarehouse on
