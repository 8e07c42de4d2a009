// Compiled by the backend_support_printer_template_* tests (expect_compile_error.cmake), once per
// case: printer templates must be string literals with valid placeholders, or the backend does
// not compile. CASE_OK checks that the file itself is fine.

#include <string>

#include "backends/support/printer.h"

void print(bpc::backends::Printer& p) {
#if defined(CASE_OK)
  static constexpr char kStatic[] = "static $x$\n";
  p.print("fine $$ $x$\n", {{"x", "1"}});
  p.print(kStatic, {{"x", "1"}});
#elif defined(CASE_UNCLOSED)
  p.print("price: $5\n");
#elif defined(CASE_BAD_NAME)
  p.print("$not a name$\n");
#elif defined(CASE_STD_STRING)
  const std::string text = "user text";
  p.print(text);
#elif defined(CASE_CHAR_POINTER)
  const char* text = "user text";
  p.print(text);
#elif defined(CASE_LOCAL_ARRAY)
  char text[] = "user text";
  p.print(text);
#endif
}
