#include "ir/json_schema.h"

#include <nlohmann/json.hpp>

#include "ir/describe.h"
#include "ir/json.h"

namespace bpc::ir {

namespace {

using Schema = nlohmann::ordered_json;

Schema ref(std::string_view definition) { return {{"$ref", "#/$defs/" + std::string(definition)}}; }

Schema array_of(Schema items) { return {{"type", "array"}, {"items", std::move(items)}}; }

template <typename E>
Schema one_of_spellings(Spellings<E> spellings) {
  Schema words = Schema::array();
  for (const auto& entry : spellings) words.push_back(entry.first);
  return {{"enum", std::move(words)}};
}

Schema one_of_words(Words words) {
  Schema list = Schema::array();
  for (const std::string_view word : words) list.push_back(word);
  return {{"enum", std::move(list)}};
}

Schema unsigned_integer(std::uint64_t maximum, bool nullable) {
  Schema schema;
  if (nullable) {
    schema["type"] = {"integer", "null"};
  } else {
    schema["type"] = "integer";
  }
  schema["minimum"] = 0;
  schema["maximum"] = maximum;
  return schema;
}

// The definitions every record refers to, and the three variant nodes (values, types, field
// owners), whose keys depend on their kind.
Schema fixed_definitions() {
  Schema defs = Schema::object();
  defs["id"] = {{"description", "An index into one of the document's arrays."},
                {"type", "integer"},
                {"minimum", 0},
                {"maximum", 4294967294u}};
  defs["optionalId"] = {{"description", "An index into one of the document's arrays, or null for none."},
                        {"type", {"integer", "null"}},
                        {"minimum", 0},
                        {"maximum", 4294967294u}};
  defs["ids"] = array_of(ref("id"));
  defs["offset"] = unsigned_integer(UINT32_MAX, false);
  defs["numberSpelling"] = {{"description", "A number as written in the blueprint."},
                            {"type", "string"},
                            {"pattern", "^-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?$"}};
  defs["optionalNumber"] = {{"anyOf", {ref("numberSpelling"), {{"type", "null"}}}}};
  defs["strings"] = array_of({{"type", "string"}});
  defs["location"] = {
      {"type", "object"},
      {"description", "A byte range [begin, end) in files[file]; file is null for none."},
      {"properties", {{"file", ref("optionalId")}, {"begin", ref("offset")}, {"end", ref("offset")}}},
      {"required", {"file", "begin", "end"}},
      {"additionalProperties", false}};

  const auto variant = [](Schema kind, Schema properties, Schema required) {
    Schema all = {{"kind", std::move(kind)}};
    for (auto& [key, value] : properties.items()) all[key] = value;
    Schema keys = {"kind"};
    for (auto& key : required) keys.push_back(key);
    return Schema{{"type", "object"},
                  {"properties", std::move(all)},
                  {"required", std::move(keys)},
                  {"additionalProperties", false}};
  };
  const auto kind_is = [](std::string_view kind) { return Schema{{"const", kind}}; };
  const auto with_value = [&](std::string_view kind, Schema value) {
    return variant(kind_is(kind), {{"value", std::move(value)}}, {"value"});
  };
  defs["value"] = {
      {"description", "A constant: a default, an option, a decorator argument."},
      {"oneOf",
       {variant(kind_is("null"), Schema::object(), Schema::array()),
        with_value("bool", {{"type", "boolean"}}),
        with_value("integer", {{"type", "integer"},
                               {"minimum", std::numeric_limits<std::int64_t>::min()},
                               {"maximum", std::numeric_limits<std::int64_t>::max()}}),
        with_value("number", ref("numberSpelling")),
        with_value("string", {{"type", "string"}}),
        with_value("name", {{"type", "string"}}),
        variant(kind_is("list"), {{"items", array_of(ref("value"))}}, {"items"}),
        variant(kind_is("object"),
                {{"entries", array_of({{"type", "object"},
                                       {"properties", {{"key", {{"type", "string"}}}, {"value", ref("value")}}},
                                       {"required", {"key", "value"}},
                                       {"additionalProperties", false}})}},
                {"entries"})}}};
  defs["optionalValue"] = {{"anyOf", {ref("value"), {{"type", "null"}}}}};
  defs["type"] = {
      {"description",
       "An interned type; declaration indexes the array its kind names, element indexes types."},
      {"oneOf",
       {variant(kind_is("scalar"), {{"scalar", one_of_spellings(kScalarSpellings)}}, {"scalar"}),
        variant(one_of_words({"alias", "enum", "struct", "entity"}), {{"declaration", ref("id")}},
                {"declaration"}),
        variant(one_of_words({"optional", "list", "map"}), {{"element", ref("id")}}, {"element"})}}};
  defs["fieldOwner"] = {
      {"oneOf",
       {variant(one_of_words({"struct", "entity", "event", "operation"}), {{"index", ref("id")}},
                {"index"}),
        variant(kind_is("transition"), {{"workflow", ref("id")}, {"index", ref("id")}},
                {"workflow", "index"})}}};
  return defs;
}

// Builds the definition of one record from its description.
class RecordSchema {
 public:
  explicit RecordSchema(Schema& defs) : defs_(defs) {}

  template <typename Record, typename... Context>
  void define() {
    const std::string name(record_name<Record>());
    if (defs_.contains(name)) return;
    defs_[name] = Schema::object();  // reserved before the members, which may define others
    RecordSchema members(defs_);
    const Record record{};
    describe(members, record, Context{}...);
    defs_[name] = {{"type", "object"},
                   {"properties", std::move(members.properties_)},
                   {"required", std::move(members.required_)},
                   {"additionalProperties", false}};
  }

  template <typename... Rest> void text(std::string_view key, const Rest&...) { add(key, {{"type", "string"}}); }
  template <typename... Rest>
  void word(std::string_view key, const std::string&, Words words, const Rest&...) { add(key, one_of_words(words)); }
  template <typename... Rest> void texts(std::string_view key, const Rest&...) { add(key, ref("strings")); }
  template <typename... Rest> void flag(std::string_view key, const Rest&...) { add(key, {{"type", "boolean"}}); }
  template <typename... Rest>
  void optional_text(std::string_view key, const Rest&...) { add(key, {{"type", {"string", "null"}}}); }
  template <typename... Rest> void optional_number(std::string_view key, const Rest&...) { add(key, ref("optionalNumber")); }
  template <typename Number>
  void optional_count(std::string_view key, const std::optional<Number>&) {
    add(key, unsigned_integer(std::numeric_limits<Number>::max(), true));
  }
  template <typename E>
  void choice(std::string_view key, E, Spellings<E> spellings, std::string_view) { add(key, one_of_spellings(spellings)); }
  template <typename E>
  void choices(std::string_view key, const std::vector<E>&, Spellings<E> spellings, std::string_view) {
    add(key, array_of(one_of_spellings(spellings)));
  }
  template <typename Tag>
  void reference(std::string_view key, Id<Tag>, Presence presence) {
    add(key, ref(presence == Presence::Nullable ? "optionalId" : "id"));
  }
  template <typename... Rest> void references(std::string_view key, const Rest&...) { add(key, ref("ids")); }
  template <typename... Rest> void state(std::string_view key, const Rest&...) { add(key, unsigned_integer(UINT32_MAX, false)); }
  template <typename... Rest>
  void states(std::string_view key, const Rest&...) { add(key, array_of(unsigned_integer(UINT32_MAX, false))); }
  template <typename... Rest> void transition(std::string_view key, const Rest&...) { add(key, ref("optionalId")); }
  template <typename... Rest> void value(std::string_view key, const Rest&...) { add(key, ref("optionalValue")); }
  template <typename... Rest>
  void named_values(std::string_view key, const Rest&...) {
    add(key, array_of({{"type", "object"},
                       {"properties", {{"name", {{"type", "string"}}}, {"value", ref("value")}}},
                       {"required", {"name", "value"}},
                       {"additionalProperties", false}}));
  }
  template <typename... Rest> void owner(std::string_view key, const Rest&...) { add(key, ref("fieldOwner")); }
  template <typename... Rest> void location(std::string_view key, const Rest&...) { add(key, ref("location")); }
  template <typename Record>
  void record(std::string_view key, const Record& member) {
    using Plain = std::remove_cvref_t<decltype(plain(member))>;
    define<Plain>();
    add(key, ref(record_name<Plain>()));
  }
  template <typename Records, typename... Context>
  void records(std::string_view key, const Records&, Context...) {
    using Record = typename Records::value_type;
    define<Record, Context...>();
    add(key, array_of(ref(record_name<Record>())));
  }

 private:
  void add(std::string_view key, Schema schema) {
    properties_[std::string(key)] = std::move(schema);
    required_.push_back(key);
  }

  Schema& defs_;
  Schema properties_ = Schema::object();
  Schema required_ = Schema::array();
};

}  // namespace

std::string ir_json_schema() {
  Schema defs = fixed_definitions();
  RecordSchema module_members(defs);
  Schema properties = {{"format", {{"const", kIrJsonFormat}}},
                       {"version", {{"const", kIrJsonVersion}}},
                       {"files", ref("strings")}};
  const Module module;
  module_members.define<Header>();
  properties["header"] = ref("header");
  properties["types"] = array_of(ref("type"));
  for_each_record_store(module, [&](Store store, const auto& nodes) {
    using Record = typename std::remove_cvref_t<decltype(nodes)>::value_type;
    module_members.define<Record>();
    properties[std::string(store_info(store).key)] = array_of(ref(record_name<Record>()));
  });
  Schema required = Schema::array();
  for (const auto& [key, value] : properties.items()) required.push_back(key);
  const Schema schema = {
      {"$schema", "https://json-schema.org/draft/2020-12/schema"},
      {"title", "bpc IR (" + std::string(kIrJsonFormat) + "), version " + std::to_string(kIrJsonVersion)},
      {"description",
       "The typed IR of a checked blueprint as written by bpc (ir/json.h). docs/ir-json.md is the "
       "contract; this schema checks the shape of a document and is made from ir/describe.h. "
       "bpc's loader also checks what a schema cannot: that every ID is in range for the array it "
       "indexes, state and transition indices, that types are interned and refer only to earlier "
       "types, and nesting limits."},
      {"type", "object"},
      {"properties", std::move(properties)},
      {"required", std::move(required)},
      {"additionalProperties", false},
      {"$defs", std::move(defs)}};
  return schema.dump(2) + "\n";
}

}  // namespace bpc::ir
