// External scanner of the Blueprint grammar: numbers.
//
// Blueprint.g4 lexes a number glued to letters, underscores or a dangling dot or exponent
// (`10px`, `1.`, `1e`, `1.5e+`, `0x1F`, `1_000`) as one BAD_NUMBER token that no rule accepts.
// Tree-sitter's own lexer would split `10px` into a number and a name, which the grammar might
// accept (`size 10px "a"` would be two properties). So numbers are lexed here: a well-formed
// INT or FLOAT is returned as `integer` or `float`; a malformed one is no token at all, and the
// parser reports an error there, as bpc does.

#include "tree_sitter/parser.h"

#include <stdbool.h>

enum TokenType { INTEGER, FLOAT };

void *tree_sitter_blueprint_external_scanner_create(void) { return NULL; }

void tree_sitter_blueprint_external_scanner_destroy(void *payload) { (void)payload; }

unsigned tree_sitter_blueprint_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}

void tree_sitter_blueprint_external_scanner_deserialize(void *payload, const char *buffer,
                                                        unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

static bool is_digit(int32_t c) { return c >= '0' && c <= '9'; }

static bool is_name_start(int32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static void skip_digits(TSLexer *lexer) {
  while (is_digit(lexer->lookahead)) lexer->advance(lexer, false);
}

bool tree_sitter_blueprint_external_scanner_scan(void *payload, TSLexer *lexer,
                                                 const bool *valid_symbols) {
  (void)payload;
  if (!valid_symbols[INTEGER] && !valid_symbols[FLOAT]) return false;
  while (lexer->lookahead == ' ' || lexer->lookahead == '\t' || lexer->lookahead == '\r' ||
         lexer->lookahead == '\n') {
    lexer->advance(lexer, true);
  }
  if (!is_digit(lexer->lookahead)) return false;
  skip_digits(lexer);
  bool is_float = false;
  if (lexer->lookahead == '.') {
    lexer->advance(lexer, false);
    if (!is_digit(lexer->lookahead)) return false;  // `1.`, `1.x`: malformed
    skip_digits(lexer);
    is_float = true;
  }
  if (lexer->lookahead == 'e' || lexer->lookahead == 'E') {
    lexer->advance(lexer, false);
    if (lexer->lookahead == '+' || lexer->lookahead == '-') lexer->advance(lexer, false);
    if (!is_digit(lexer->lookahead)) return false;  // `1e`, `1.5e+`, `1ex`: malformed
    skip_digits(lexer);
    is_float = true;
  }
  if (is_name_start(lexer->lookahead)) return false;  // `10px`, `0x1F`, `1_000`: malformed
  lexer->mark_end(lexer);
  lexer->result_symbol = is_float ? FLOAT : INTEGER;
  return is_float ? valid_symbols[FLOAT] : valid_symbols[INTEGER];
}
