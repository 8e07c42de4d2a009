blueprint Bad {}
ÿþ bad bytes
