entity A {
	x	int
}
