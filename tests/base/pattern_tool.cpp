// For tests/base/pattern_engines_test.py: reads {"patterns": [...], "texts": [...]} on stdin and
// writes, for each pattern, the dialect check, its translation for every engine and whether RE2
// (base::Pattern, as the compiler matches) finds it in each text. With --formats it writes the
// patterns of the well-known formats and of decimals (ir/formats.h) instead of reading any.

#include <iostream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "base/pattern.h"
#include "ir/formats.h"

int main(int argc, char** argv) {
  using Json = nlohmann::json;
  if (argc > 1 && std::string(argv[1]) == "--formats") {
    Json out = Json::array();
    for (std::string_view format : bpc::ir::known_formats()) {
      if (auto pattern = bpc::ir::format_pattern(format)) out.push_back(std::string(*pattern));
    }
    for (const char* min : {"0", "-5"}) {
      for (std::uint32_t precision : {1u, 5u, 12u, 38u}) {
        for (std::uint32_t scale : {0u, 1u, 2u, precision}) {
          if (scale > precision) continue;
          bpc::ir::Constraints c;
          c.min = std::string(min);
          c.precision = precision;
          c.scale = scale;
          out.push_back(bpc::ir::decimal_pattern(c));
        }
      }
    }
    out.push_back(bpc::ir::decimal_pattern(bpc::ir::Constraints{}));
    std::cout << out.dump() << "\n";
    return 0;
  }
  std::ostringstream text;
  text << std::cin.rdbuf();
  const Json input = Json::parse(text.str());
  Json out = Json::array();
  for (const auto& pattern_json : input["patterns"]) {
    const std::string pattern = pattern_json.get<std::string>();
    Json entry{{"pattern", pattern}};
    if (auto error = bpc::base::check_pattern(pattern)) {
      entry["error"] = error->message;
      out.push_back(std::move(entry));
      continue;
    }
    entry["error"] = nullptr;
    entry["re2"] = bpc::base::translate_pattern(pattern, bpc::base::PatternEngine::Re2);
    entry["ecmascript"] = bpc::base::translate_pattern(pattern, bpc::base::PatternEngine::EcmaScript);
    entry["python"] = bpc::base::translate_pattern(pattern, bpc::base::PatternEngine::Python);
    const bpc::base::Pattern compiled(pattern);
    entry["compiled"] = compiled.ok();
    Json matches = Json::array();
    for (const auto& text : input["texts"]) matches.push_back(compiled.search(text.get<std::string>()));
    entry["matches"] = std::move(matches);
    out.push_back(std::move(entry));
  }
  std::cout << out.dump() << "\n";
  return 0;
}
