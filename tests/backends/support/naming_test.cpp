// Casing, reserved words, mangling and the Namer (backends/support/naming.h).

#include "backends/support/naming.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <regex>
#include <set>
#include <sstream>

namespace bpc::backends {
namespace {

struct CaseRow {
  std::string_view input;
  std::string_view pascal;
  std::string_view camel;
  std::string_view snake;
  std::string_view screaming;
  std::string_view kebab;
};

constexpr CaseRow kCases[] = {
    {"user", "User", "user", "user", "USER", "user"},
    {"userId", "UserId", "userId", "user_id", "USER_ID", "user-id"},
    {"UserId", "UserId", "userId", "user_id", "USER_ID", "user-id"},
    {"user_id", "UserId", "userId", "user_id", "USER_ID", "user-id"},
    {"USER_ID", "UserId", "userId", "user_id", "USER_ID", "user-id"},
    {"user-id", "UserId", "userId", "user_id", "USER_ID", "user-id"},
    {"userID", "UserId", "userId", "user_id", "USER_ID", "user-id"},
    {"userID2", "UserId2", "userId2", "user_id2", "USER_ID2", "user-id2"},
    {"userID2Name", "UserId2Name", "userId2Name", "user_id2_name", "USER_ID2_NAME", "user-id2-name"},
    {"HTTPServer", "HttpServer", "httpServer", "http_server", "HTTP_SERVER", "http-server"},
    {"HTTP2Server", "Http2Server", "http2Server", "http2_server", "HTTP2_SERVER", "http2-server"},
    {"getHTTPResponseCode", "GetHttpResponseCode", "getHttpResponseCode", "get_http_response_code",
     "GET_HTTP_RESPONSE_CODE", "get-http-response-code"},
    {"XMLHttpRequest", "XmlHttpRequest", "xmlHttpRequest", "xml_http_request", "XML_HTTP_REQUEST",
     "xml-http-request"},
    {"HttpClient", "HttpClient", "httpClient", "http_client", "HTTP_CLIENT", "http-client"},
    {"apiKey", "ApiKey", "apiKey", "api_key", "API_KEY", "api-key"},
    {"APIKey", "ApiKey", "apiKey", "api_key", "API_KEY", "api-key"},
    {"ID", "Id", "id", "id", "ID", "id"},
    {"id", "Id", "id", "id", "ID", "id"},
    {"A", "A", "a", "a", "A", "a"},
    {"aB", "AB", "aB", "a_b", "A_B", "a-b"},
    {"ABc", "ABc", "aBc", "a_bc", "A_BC", "a-bc"},
    {"sha256Hash", "Sha256Hash", "sha256Hash", "sha256_hash", "SHA256_HASH", "sha256-hash"},
    {"base64encode", "Base64encode", "base64encode", "base64encode", "BASE64ENCODE", "base64encode"},
    {"utf8String", "Utf8String", "utf8String", "utf8_string", "UTF8_STRING", "utf8-string"},
    {"v2Api", "V2Api", "v2Api", "v2_api", "V2_API", "v2-api"},
    {"v1_0", "V1_0", "v1_0", "v1_0", "V1_0", "v1-0"},
    {"version2", "Version2", "version2", "version2", "VERSION2", "version2"},
    {"mp3File", "Mp3File", "mp3File", "mp3_file", "MP3_FILE", "mp3-file"},
    {"x1y2", "X1y2", "x1y2", "x1y2", "X1Y2", "x1y2"},
    {"_private", "Private", "private", "private", "PRIVATE", "private"},
    {"__proto__", "Proto", "proto", "proto", "PROTO", "proto"},
    {"_2fa", "2fa", "2fa", "2fa", "2FA", "2fa"},
    {"trailing_", "Trailing", "trailing", "trailing", "TRAILING", "trailing"},
    {"double__underscore", "DoubleUnderscore", "doubleUnderscore", "double_underscore",
     "DOUBLE_UNDERSCORE", "double-underscore"},
    {"already_snake_case", "AlreadySnakeCase", "alreadySnakeCase", "already_snake_case",
     "ALREADY_SNAKE_CASE", "already-snake-case"},
    {"SCREAMING_CASE", "ScreamingCase", "screamingCase", "screaming_case", "SCREAMING_CASE",
     "screaming-case"},
    {"ALLCAPS", "Allcaps", "allcaps", "allcaps", "ALLCAPS", "allcaps"},
    {"createdAt", "CreatedAt", "createdAt", "created_at", "CREATED_AT", "created-at"},
    {"PatientRecord", "PatientRecord", "patientRecord", "patient_record", "PATIENT_RECORD",
     "patient-record"},
    {"IOError", "IoError", "ioError", "io_error", "IO_ERROR", "io-error"},
    {"OAuth2Token", "OAuth2Token", "oAuth2Token", "o_auth2_token", "O_AUTH2_TOKEN", "o-auth2-token"},
    {"with space", "WithSpace", "withSpace", "with_space", "WITH_SPACE", "with-space"},
    {"a.b/c", "ABC", "aBC", "a_b_c", "A_B_C", "a-b-c"},
    {"_", "", "", "", "", ""},
    {"", "", "", "", "", ""},
    {"constructor", "Constructor", "constructor", "constructor", "CONSTRUCTOR", "constructor"},
};

TEST(Casing, Table) {
  for (const CaseRow& row : kCases) {
    SCOPED_TRACE(row.input);
    EXPECT_EQ(to_pascal_case(row.input), row.pascal);
    EXPECT_EQ(to_camel_case(row.input), row.camel);
    EXPECT_EQ(to_snake_case(row.input), row.snake);
    EXPECT_EQ(to_screaming_snake_case(row.input), row.screaming);
    EXPECT_EQ(to_kebab_case(row.input), row.kebab);
    EXPECT_EQ(to_case(row.input, Case::AsIs), row.input);
    EXPECT_EQ(to_case(row.input, Case::Snake), row.snake);
  }
  EXPECT_GE(std::size(kCases), 40u);
}

TEST(Casing, SplitWords) {
  EXPECT_EQ(split_words("HTTPServer"), (std::vector<std::string>{"http", "server"}));
  EXPECT_EQ(split_words("userID2"), (std::vector<std::string>{"user", "id2"}));
  EXPECT_EQ(split_words("__a__B__"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(split_words("___").empty());
}

// Random identifiers: snake_case and kebab-case are idempotent, and every conversion depends only
// on the words, which snake_case keeps.
TEST(Casing, PropertiesOnRandomIdentifiers) {
  std::mt19937 random(20240601);
  const std::string alphabet = "aAbBzZ019_-";
  for (int n = 0; n < 5000; ++n) {
    std::string name;
    const int length = 1 + static_cast<int>(random() % 12);
    for (int i = 0; i < length; ++i) name += alphabet[random() % alphabet.size()];
    SCOPED_TRACE(name);
    const std::string snake = to_snake_case(name);
    EXPECT_EQ(to_snake_case(snake), snake);
    EXPECT_EQ(to_kebab_case(to_kebab_case(name)), to_kebab_case(name));
    EXPECT_EQ(split_words(snake), split_words(name));
    for (Case c : {Case::Pascal, Case::Camel, Case::ScreamingSnake, Case::Kebab}) {
      EXPECT_EQ(to_case(snake, c), to_case(name, c));
    }
  }
}

// ----------------------------------------------------------------------------------------------
// Mangling.

struct MangleRow {
  std::string_view name;
  std::string_view typescript;
  std::string_view python;
  std::string_view cpp;
};

// Names as written (Case::AsIs), value kind.
constexpr MangleRow kMangle[] = {
    // The hostile names of issue 4.
    {"constructor", "constructor_", "constructor", "constructor"},
    {"__proto__", "proto_", "proto_", "proto_"},
    {"delete", "delete_", "delete", "delete_"},
    {"default", "default_", "default", "default_"},
    {"function", "function_", "function", "function"},
    {"class", "class_", "class_", "class_"},
    // More.
    {"prototype", "prototype_", "prototype", "prototype"},
    {"from", "from", "from_", "from"},
    {"None", "None", "None_", "None"},
    {"self", "self", "self_", "self"},
    {"cls", "cls", "cls_", "cls"},
    {"namespace", "namespace", "namespace", "namespace_"},
    {"register", "register", "register", "register_"},
    {"await", "await_", "await_", "await"},
    {"yield", "yield_", "yield_", "yield"},
    {"let", "let_", "let", "let"},
    {"static", "static_", "static", "static_"},
    {"arguments", "arguments_", "arguments", "arguments"},
    {"eval", "eval_", "eval", "eval"},
    {"undefined", "undefined_", "undefined", "undefined"},
    {"enum", "enum_", "enum", "enum_"},
    {"interface", "interface_", "interface", "interface_"},
    {"match", "match", "match_", "match"},
    {"type", "type", "type_", "type"},
    {"str", "str", "str_", "str"},
    {"id", "id", "id", "id"},
    {"and", "and", "and_", "and_"},
    {"xor_eq", "xor_eq", "xor_eq", "xor_eq_"},
    {"co_await", "co_await", "co_await", "co_await_"},
    {"import", "import_", "import_", "import_"},
    {"module", "module", "module", "module_"},
    {"NULL", "NULL", "NULL", "NULL_"},
    {"errno", "errno", "errno", "errno_"},
    {"assert", "assert", "assert_", "assert_"},
    {"DELETE", "DELETE", "DELETE", "DELETE_"},
    {"linux", "linux", "linux", "linux_"},
    // Shapes the targets reserve.
    {"_private", "_private", "private_", "private_"},
    {"__init__", "init_", "init_", "init_"},
    {"__class__", "class_", "class_", "class_"},
    {"a__b", "a__b", "a__b", "a_b_"},
    {"_Upper", "_Upper", "Upper_", "Upper_"},
    {"_", "_", "unnamed_", "unnamed_"},
    {"__", "unnamed_", "unnamed_", "unnamed_"},
    // Digits first (after a conversion dropped the underscore).
    {"2fa", "n2fa", "n2fa", "n2fa"},
    {"2FA", "N2FA", "N2FA", "N2FA"},
    {"123", "n123", "n123", "n123"},
    // Not identifier characters.
    {"content-type", "content_type", "content_type", "content_type"},
    // Ordinary names are untouched.
    {"patient", "patient", "patient", "patient"},
    {"Patient", "Patient", "Patient", "Patient"},
};

TEST(Mangling, EveryTarget) {
  for (const MangleRow& row : kMangle) {
    SCOPED_TRACE(row.name);
    EXPECT_EQ(mangle(row.name, Target::TypeScript, NameKind::Value), row.typescript);
    EXPECT_EQ(mangle(row.name, Target::Python, NameKind::Value), row.python);
    EXPECT_EQ(mangle(row.name, Target::Cpp, NameKind::Value), row.cpp);
  }
}

TEST(Mangling, TypeNamesReserveMore) {
  EXPECT_EQ(mangle("number", Target::TypeScript, NameKind::Value), "number");
  EXPECT_EQ(mangle("number", Target::TypeScript, NameKind::Type), "number_");
  EXPECT_EQ(mangle("Date", Target::TypeScript, NameKind::Type), "Date_");
  EXPECT_EQ(mangle("Promise", Target::TypeScript, NameKind::Type), "Promise_");
  EXPECT_EQ(mangle("Exception", Target::Python, NameKind::Type), "Exception_");
  EXPECT_EQ(mangle("Exception", Target::Python, NameKind::Value), "Exception");
  EXPECT_EQ(mangle("size_t", Target::Cpp, NameKind::Type), "size_t_");
  EXPECT_EQ(mangle("std", Target::Cpp, NameKind::Type), "std_");
  EXPECT_EQ(mangle("std", Target::Cpp, NameKind::Value), "std");
  // The type list includes the value list.
  for (Target target : {Target::TypeScript, Target::Python, Target::Cpp}) {
    for (std::string_view word : reserved_words(target, NameKind::Value)) {
      EXPECT_TRUE(is_reserved(word, target, NameKind::Type)) << word;
    }
  }
}

TEST(Mangling, ResultIsNeverReservedAndAlwaysAnIdentifier) {
  for (Target target : {Target::TypeScript, Target::Python, Target::Cpp}) {
    for (NameKind kind : {NameKind::Value, NameKind::Type}) {
      const auto words = reserved_words(target, kind);
      std::vector<std::string_view> inputs(words.begin(), words.end());
      for (const MangleRow& row : kMangle) inputs.push_back(row.name);
      for (std::string_view name : inputs) {
        const std::string id = mangle(name, target, kind);
        SCOPED_TRACE(std::string(name) + " -> " + id);
        EXPECT_FALSE(is_reserved(id, target, kind));
        EXPECT_TRUE(std::regex_match(id, std::regex("[A-Za-z_][A-Za-z0-9_]*")));
        if (target == Target::Cpp) {
          EXPECT_EQ(id.find("__"), std::string::npos);
        }
        if (target != Target::TypeScript) {
          EXPECT_NE(id[0], '_');
        }
        EXPECT_EQ(mangle(name, target, kind), id);  // a pure function
      }
    }
  }
}

TEST(Mangling, IdentifierConvertsThenMangles) {
  EXPECT_EQ(identifier("fromDate", Target::Python, Case::Snake, NameKind::Value), "from_date");
  EXPECT_EQ(identifier("from", Target::Python, Case::Snake, NameKind::Value), "from_");
  EXPECT_EQ(identifier("Class", Target::Python, Case::Snake, NameKind::Value), "class_");
  EXPECT_EQ(identifier("_2fa", Target::Cpp, Case::Snake, NameKind::Value), "n2fa");
  EXPECT_EQ(identifier("delete", Target::TypeScript, Case::Camel, NameKind::Value), "delete_");
  EXPECT_EQ(identifier("HTTPServer", Target::Cpp, Case::Snake, NameKind::Value), "http_server");
}

TEST(Mangling, ReservedListsAreSortedAndUnique) {
  for (Target target : {Target::TypeScript, Target::Python, Target::Cpp}) {
    for (NameKind kind : {NameKind::Value, NameKind::Type}) {
      const auto words = reserved_words(target, kind);
      EXPECT_TRUE(std::is_sorted(words.begin(), words.end()));
      EXPECT_EQ(std::adjacent_find(words.begin(), words.end()), words.end());
    }
  }
  // Spot checks of completeness.
  for (std::string_view word : {"debugger", "instanceof", "implements", "package", "with", "void"}) {
    EXPECT_TRUE(is_reserved(word, Target::TypeScript, NameKind::Value)) << word;
  }
  for (std::string_view word : {"nonlocal", "lambda", "async", "case", "False", "global"}) {
    EXPECT_TRUE(is_reserved(word, Target::Python, NameKind::Value)) << word;
  }
  for (std::string_view word : {"char8_t", "constinit", "co_yield", "requires", "bitor", "compl", "thread_local"}) {
    EXPECT_TRUE(is_reserved(word, Target::Cpp, NameKind::Value)) << word;
  }
}

// docs/backends/writing-a-backend.md lists every reserved word; the lists must agree.
TEST(Mangling, DocsListEveryReservedWord) {
  std::ifstream file(std::string(BPC_SOURCE_DIR) + "/docs/backends/writing-a-backend.md");
  ASSERT_TRUE(file) << "docs/backends/writing-a-backend.md is missing";
  std::stringstream buffer;
  buffer << file.rdbuf();
  const std::string doc = buffer.str();
  const std::pair<std::string, std::pair<Target, NameKind>> sections[] = {
      {"typescript-value", {Target::TypeScript, NameKind::Value}},
      {"typescript-type", {Target::TypeScript, NameKind::Type}},
      {"python-value", {Target::Python, NameKind::Value}},
      {"python-type", {Target::Python, NameKind::Type}},
      {"cpp-value", {Target::Cpp, NameKind::Value}},
      {"cpp-type", {Target::Cpp, NameKind::Type}},
  };
  for (const auto& [key, which] : sections) {
    SCOPED_TRACE(key);
    const std::string begin = "<!-- reserved:" + key + " -->";
    const std::string end = "<!-- /reserved:" + key + " -->";
    const std::size_t b = doc.find(begin);
    const std::size_t e = doc.find(end);
    ASSERT_NE(b, std::string::npos) << "missing marker " << begin;
    ASSERT_NE(e, std::string::npos) << "missing marker " << end;
    const std::string section = doc.substr(b + begin.size(), e - b - begin.size());
    std::set<std::string> listed;
    const std::regex word("`([A-Za-z_][A-Za-z0-9_]*)`");
    for (auto it = std::sregex_iterator(section.begin(), section.end(), word); it != std::sregex_iterator(); ++it) {
      listed.insert((*it)[1]);
    }
    // The type sections list only the words they add to the value lists.
    std::set<std::string> expected;
    for (std::string_view w : reserved_words(which.first, which.second)) {
      if (which.second == NameKind::Type && is_reserved(w, which.first, NameKind::Value)) continue;
      expected.insert(std::string(w));
    }
    EXPECT_EQ(listed, expected) << "update docs/backends/writing-a-backend.md to match "
                                   "base/reserved_words.cpp";
  }
}

// ----------------------------------------------------------------------------------------------
// The Namer.

TEST(Namer, MapsNamesConsistently) {
  Namer namer(Target::Python);
  namer.define("fields:Patient", {"id", "fromDate", "class", "type", "createdAt"}, Case::Snake, NameKind::Value);
  EXPECT_EQ(namer.get("fields:Patient", "id"), "id");
  EXPECT_EQ(namer.get("fields:Patient", "fromDate"), "from_date");
  EXPECT_EQ(namer.get("fields:Patient", "class"), "class_");
  EXPECT_EQ(namer.get("fields:Patient", "type"), "type_");
  EXPECT_EQ(namer.get("fields:Patient", "createdAt"), "created_at");
  // The same answer every time, from any caller.
  const std::string& first = namer.get("fields:Patient", "class");
  EXPECT_EQ(&first, &namer.get("fields:Patient", "class"));
}

TEST(Namer, IdentityWinsACollision) {
  Namer namer(Target::TypeScript);
  namer.define("fields", {"class", "class_"}, Case::AsIs, NameKind::Value);
  EXPECT_EQ(namer.get("fields", "class_"), "class_");
  EXPECT_EQ(namer.get("fields", "class"), "class_2");
}

TEST(Namer, CaseCollisions) {
  Namer namer(Target::Python);
  namer.define("fields", {"userId", "user_id", "UserID"}, Case::Snake, NameKind::Value);
  EXPECT_EQ(namer.get("fields", "user_id"), "user_id");
  // Neither of the others is written as `user_id`: bytewise order decides ("UserID" < "userId").
  EXPECT_EQ(namer.get("fields", "UserID"), "user_id_2");
  EXPECT_EQ(namer.get("fields", "userId"), "user_id_3");
}

TEST(Namer, NoIdentityBytewiseFirstWins) {
  Namer namer(Target::Cpp);
  namer.define("types", {"class", "Class", "__class__"}, Case::Snake, NameKind::Value);
  // All three become `class_`; "Class" < "__class__" < "class".
  EXPECT_EQ(namer.get("types", "Class"), "class_");
  EXPECT_EQ(namer.get("types", "__class__"), "class_2");
  EXPECT_EQ(namer.get("types", "class"), "class_3");
}

TEST(Namer, SuffixesSkipTakenIdentifiers) {
  Namer namer(Target::TypeScript);
  // `a_2` is a real name, so the loser of the `a` collision gets `a_3`.
  namer.define("s", {"a", "A", "a_2"}, Case::Snake, NameKind::Value);
  EXPECT_EQ(namer.get("s", "a"), "a");
  EXPECT_EQ(namer.get("s", "a_2"), "a_2");
  EXPECT_EQ(namer.get("s", "A"), "a_3");
}

TEST(Namer, ScopeReservedNamesAreMangled) {
  Namer namer(Target::TypeScript);
  namer.define("module", {"z", "Router", "Patient"}, Case::AsIs, NameKind::Type, {"z", "Router"});
  EXPECT_EQ(namer.get("module", "z"), "z_");
  EXPECT_EQ(namer.get("module", "Router"), "Router_");
  EXPECT_EQ(namer.get("module", "Patient"), "Patient");
}

TEST(Namer, ScopesAreIndependent) {
  Namer namer(Target::TypeScript);
  namer.define("a", {"delete", "delete_"}, Case::AsIs, NameKind::Value);
  namer.define("b", {"delete"}, Case::AsIs, NameKind::Value);
  EXPECT_EQ(namer.get("a", "delete"), "delete_2");
  EXPECT_EQ(namer.get("b", "delete"), "delete_");
}

TEST(Namer, DistinctNamesNeverCollide) {
  // Every hostile and reserved word of every target, plus their mangled forms, in one scope.
  for (Target target : {Target::TypeScript, Target::Python, Target::Cpp}) {
    std::vector<std::string> names;
    for (std::string_view w : reserved_words(target, NameKind::Type)) {
      names.emplace_back(w);
      names.push_back(std::string(w) + "_");
      names.push_back("_" + std::string(w));
    }
    for (const MangleRow& row : kMangle) names.emplace_back(row.name);
    for (Case c : {Case::AsIs, Case::Snake, Case::Camel, Case::Pascal}) {
      Namer namer(target);
      namer.define("all", names, c, NameKind::Type);
      std::set<std::string> ids;
      for (const auto& [name, id] : namer.scope("all")) {
        EXPECT_TRUE(ids.insert(id).second) << "duplicate identifier " << id;
        EXPECT_FALSE(is_reserved(id, target, NameKind::Type)) << id;
      }
    }
  }
}

TEST(Namer, IndependentOfOrder) {
  std::vector<std::string> names = {"class", "class_", "Class", "userId", "user_id", "from", "from_",
                                    "__proto__", "proto", "proto_", "_2fa", "n2fa", "a", "A", "a_2"};
  std::map<std::string, std::string, std::less<>> reference;
  std::mt19937 random(7);
  for (int round = 0; round < 50; ++round) {
    std::shuffle(names.begin(), names.end(), random);
    Namer namer(Target::Python);
    namer.define("s", names, Case::Snake, NameKind::Value);
    if (round == 0) {
      reference = namer.scope("s");
    } else {
      EXPECT_EQ(namer.scope("s"), reference);
    }
  }
  EXPECT_EQ(reference.at("from_"), "from_");
  EXPECT_EQ(reference.at("from"), "from_2");
}

TEST(Namer, DuplicatesInInputAreOneName) {
  Namer namer(Target::Cpp);
  namer.define("s", {"x", "x", "x"}, Case::Snake, NameKind::Value);
  EXPECT_EQ(namer.scope("s").size(), 1u);
  EXPECT_EQ(namer.get("s", "x"), "x");
}

TEST(Namer, Errors) {
  Namer namer(Target::Cpp);
  namer.define("s", {"x"}, Case::Snake, NameKind::Value);
  EXPECT_THROW(namer.define("s", {"y"}, Case::Snake, NameKind::Value), NamingError);
  EXPECT_THROW((void)namer.get("t", "x"), NamingError);
  EXPECT_THROW((void)namer.get("s", "y"), NamingError);
  EXPECT_TRUE(namer.has_scope("s"));
  EXPECT_FALSE(namer.has_scope("t"));
}

}  // namespace
}  // namespace bpc::backends
