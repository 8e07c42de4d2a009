#pragma once

// Casing: the one implementation of how a blueprint name is cut into words and written in a
// convention, used by the checker (naming-convention warnings and their fixes), the routes it
// derives (`/api-keys` for `APIKey`) and every backend.
//
// CASING. `split_words` cuts a name into lower-case words at `_`, `-` and any other character that
// is not an ASCII letter or digit, before an upper-case letter that follows a lower-case letter or
// a digit (`userId` -> user, id), and before the last capital of an acronym that is followed by a
// lower-case letter (`HTTPServer` -> http, server). Digits stay with the word they follow
// (`userID2` -> user, id2; `sha256Hash` -> sha256, hash); a lower-case letter after a digit
// continues the word (`base64encode`), a capital starts a new one (`HTTP2Server` -> http2, server).
// The joiners then write the words in one convention: PascalCase and camelCase capitalise each word
// (acronyms become words: `HttpServer`), joining two words with `_` only where the first ends and
// the second starts with a digit (`v1_0` stays `v1_0`, not `v10`); snake_case, SCREAMING_SNAKE and
// kebab-case join with `_` or `-`. A name with no letters or digits converts to the empty string.
// A conversion depends only on the words, and snake_case keeps them, so converting a name's
// snake_case gives the same result as converting the name. snake_case and kebab-case are
// idempotent; the others can join words that a second split reads differently (`aB` -> `AB` ->
// `Ab`), so convert the blueprint name, once.
//
//
// `plural` is the English plural of a lower-case word, for collection routes.

#include <string>
#include <string_view>
#include <vector>

namespace bpc {

std::vector<std::string> split_words(std::string_view name);
std::string to_pascal_case(std::string_view name);
std::string to_camel_case(std::string_view name);
std::string to_snake_case(std::string_view name);
std::string to_screaming_snake_case(std::string_view name);
std::string to_kebab_case(std::string_view name);

// `patient` -> `patients`, `category` -> `categories`, `address` -> `addresses`.
std::string plural(std::string word);

}  // namespace bpc
