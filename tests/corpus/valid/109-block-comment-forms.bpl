/**/
/***/
/****/
/* // a line comment inside a block comment */
/* a "quote" inside */
/* * / is not the end, this is: */
/*
   multi-line
   /* not nested, this just ends here: */
entity E { /* inside */ a: int /* trailing */ }
/** doc-style block comment */
