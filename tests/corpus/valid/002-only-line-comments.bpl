// A file with nothing but line comments.
// Second line.
//
//no space after the slashes
