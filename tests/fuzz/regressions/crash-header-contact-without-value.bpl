// A header `contact` with no value: the checker read the first of its values, which it does not have.
blueprint X { contact }
