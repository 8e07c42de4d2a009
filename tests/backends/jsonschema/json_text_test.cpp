// append_compact_json and indented_json against nlohmann::json's own dump: the OpenAPI documents
// are printed through them, so every byte must be the same as nlohmann would print.

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "backends/jsonschema/json_text.h"

namespace bpc::backends::jsonschema {
namespace {

using nlohmann::ordered_json;

// Quotes, backslashes, a slash and brackets inside a string; control characters (which stay
// escaped); DEL, which the compact text escapes and dump(2) does not; two- and three-byte
// characters, bidirectional marks, U+2028 and an astral character (a surrogate pair in the compact
// text).
const std::string kHostile = "a \"quoted\" {x: [1, 2]}, \\ back\\slash\n\t\r\b\f\x01\x1f \x7f é € \u202e\u2028 😀 end /";

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

TEST(IndentedJson, IndentsDeepNestingAndRunsOfScalars) {
  // Deeper than the indents kept ready (32 levels), with scalars of every kind side by side.
  ordered_json value = ordered_json::array({1, -2.5e+10, true, false, nullptr, "s", 0});
  for (int level = 0; level < 70; ++level) {
    value = level % 2 == 0 ? ordered_json{{"k", value}, {"n", -level}} : ordered_json::array({value, level, false});
  }
  EXPECT_EQ(via_compact_text(value), value.dump(2));
}

TEST(IndentedJson, WritesUtf8WhereTheCompactTextEscapedIt) {
  const std::string& hostile = kHostile;
  const ordered_json value = {{hostile, {hostile, {{"k", hostile}}}}, {"n", ordered_json::array({hostile})}};
  ASSERT_NE(value.dump(-1, ' ', true).find("\\ud83d\\ude00"), std::string::npos);
  EXPECT_EQ(via_compact_text(value), value.dump(2));
}

TEST(CompactJson, PrintsWhatNlohmannPrints) {
  const std::string& hostile = kHostile;
  const Json values[] = {
      Json::object(),
      Json::array(),
      Json(hostile),
      Json(std::string("\0nul", 4)),
      Json(-9007199254740991),
      Json(std::uint64_t{18446744073709551615U}),
      Json(0.5),
      Json(1e300),
      Json(-0.0),
      Json(3.0),
      Json(true),
      Json(nullptr),
      Json{{hostile, {hostile, {{"k", Json::array({1, 2.5, false, nullptr, Json::object()})}}}}, {"", Json::array()}},
  };
  for (const Json& value : values) {
    std::string text;
    append_compact_json(value, text);
    EXPECT_EQ(text, value.dump(-1, ' ', true)) << value.dump();
  }
}

TEST(CompactJson, RefusesInvalidUtf8AsNlohmannDoes) {
  for (const std::string bad : {"\xff", "a\xc3", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80"}) {
    std::string text;
    EXPECT_THROW(append_compact_json(Json(bad), text), nlohmann::json::type_error) << bad;
  }
}

}  // namespace
}  // namespace bpc::backends::jsonschema
