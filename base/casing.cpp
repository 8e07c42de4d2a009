#include "base/casing.h"

namespace bpc {

namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_upper(c) || is_lower(c) || is_digit(c); }
char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

std::string join(const std::vector<std::string>& words, std::string_view separator, bool screaming) {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out += separator;
    for (char c : word) out += screaming ? upper(c) : c;
  }
  return out;
}

// PascalCase (capitalise_first) or camelCase.
std::string join_capitalised(const std::vector<std::string>& words, bool capitalise_first) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string word = words[i];
    if (i > 0 || capitalise_first) word[0] = upper(word[0]);
    // `v1` + `0` would read as one word `v10`; keep the words apart.
    if (i > 0 && is_digit(words[i - 1].back()) && is_digit(word[0])) out += '_';
    out += word;
  }
  return out;
}

}  // namespace

std::vector<std::string> split_words(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!is_alnum(c)) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
      continue;
    }
    if (is_upper(c) && !word.empty()) {
      const char previous = name[i - 1];
      const bool after_lower_or_digit = is_lower(previous) || is_digit(previous);
      const bool acronym_end = is_upper(previous) && i + 1 < name.size() && is_lower(name[i + 1]);
      if (after_lower_or_digit || acronym_end) {
        words.push_back(std::move(word));
        word.clear();
      }
    }
    word += lower(c);
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string to_pascal_case(std::string_view name) { return join_capitalised(split_words(name), true); }
std::string to_camel_case(std::string_view name) { return join_capitalised(split_words(name), false); }
std::string to_snake_case(std::string_view name) { return join(split_words(name), "_", false); }
std::string to_screaming_snake_case(std::string_view name) { return join(split_words(name), "_", true); }
std::string to_kebab_case(std::string_view name) { return join(split_words(name), "-", false); }

std::string plural(std::string word) {
  const auto ends = [&](std::string_view suffix) { return word.ends_with(suffix); };
  if (ends("y") && word.size() > 1 && std::string_view("aeiou").find(word[word.size() - 2]) == std::string_view::npos) {
    word.pop_back();
    return word + "ies";
  }
  if (ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh")) return word + "es";
  return word + "s";
}

}  // namespace bpc
