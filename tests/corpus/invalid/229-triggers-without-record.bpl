// invalid: `triggers NAME` is followed by `on` and the path to the record
handler markPaid on PaymentCaptured triggers pay
