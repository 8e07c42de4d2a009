#include "ir/naming.h"

#include <cctype>

namespace bpc::ir {

std::string kebab_case(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (std::isupper(c)) {
      if (i > 0 && name[i - 1] != '_') out += '-';
      out += static_cast<char>(std::tolower(c));
    } else {
      out += c == '_' ? '-' : static_cast<char>(c);
    }
  }
  return out;
}

std::string plural(std::string word) {
  const auto ends = [&](std::string_view suffix) { return word.ends_with(suffix); };
  if (ends("y") && word.size() > 1 && std::string_view("aeiou").find(word[word.size() - 2]) == std::string_view::npos) {
    word.pop_back();
    return word + "ies";
  }
  if (ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh")) return word + "es";
  return word + "s";
}

}  // namespace bpc::ir
