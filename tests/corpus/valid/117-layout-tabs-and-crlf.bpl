// Tabs for indentation and CRLF line endings.
entity E {
	a:	int
	b:	string	=	"x"
}

role R
