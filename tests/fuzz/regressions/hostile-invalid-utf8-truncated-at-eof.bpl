entity A {}
// â‚