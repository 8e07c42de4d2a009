/*
 * A multi-line block comment
 * and nothing else.
 */
