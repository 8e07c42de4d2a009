// invalid: a handler's event comes after `on`
handler notifyWarehouse OrderPlaced
