//////////////////////////////// a ruler line
////
///
//
// /* not a block comment start
entity E { a: int } // trailing comment
//// four slashes is an ordinary comment
