// ARGS: check /dev/zero
// A device is refused without being read (reading /dev/zero would never end).
