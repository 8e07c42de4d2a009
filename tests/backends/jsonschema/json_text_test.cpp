// indented_json against nlohmann::json's own dump(2): the openapi backend writes its documents
// through it, so every byte must be the same as printing the tree would give.

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "backends/jsonschema/json_text.h"

namespace bpc::backends::jsonschema {
namespace {

using nlohmann::ordered_json;

std::string via_compact_text(const ordered_json& value) { return indented_json(value.dump(-1, ' ', true)); }

TEST(IndentedJson, PrintsWhatTheTreeWouldPrint) {
  const ordered_json values[] = {
      ordered_json::object(),
      ordered_json::array(),
      "text",
      42,
      -7,
      0.5,
      1e300,
      true,
      nullptr,
      ordered_json::parse(R"({"b":{},"a":[],"c":[[],[{}],{"x":[1,2,{"y":null}]}],"d":"e"})"),
      ordered_json{{"paths", {{"/p/{id}", {{"get", {{"tags", {"A"}}, {"deprecated", true}}}}}}}},
  };
  for (const ordered_json& value : values) EXPECT_EQ(via_compact_text(value), value.dump(2)) << value.dump();
}

TEST(IndentedJson, WritesUtf8WhereTheCompactTextEscapedIt) {
  // Quotes, backslashes and brackets inside strings; control characters (which stay escaped);
  // DEL, which the compact text escapes and dump(2) does not; two- and three-byte characters,
  // bidirectional marks, U+2028 and an astral character (a surrogate pair in the compact text).
  const std::string hostile =
      "a \"quoted\" {x: [1, 2]}, \\ back\\slash\n\t\r\b\f\x01\x1f \x7f é € \u202e\u2028 😀 end";
  const ordered_json value = {{hostile, {hostile, {{"k", hostile}}}}, {"n", ordered_json::array({hostile})}};
  ASSERT_NE(value.dump(-1, ' ', true).find("\\ud83d\\ude00"), std::string::npos);
  EXPECT_EQ(via_compact_text(value), value.dump(2));
}

}  // namespace
}  // namespace bpc::backends::jsonschema
