entity A {
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
: 
}
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
entty X
