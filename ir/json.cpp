#include "ir/json.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <sstream>
#include <utility>

#include "ir/type_interner.h"

namespace bpc::ir {

namespace {

// ---- spellings shared by the writer and the loader ---------------------------------------------

template <typename E>
using Spellings = std::initializer_list<std::pair<std::string_view, E>>;

const Spellings<Type::Kind> kTypeKinds = {
    {"scalar", Type::Kind::Scalar}, {"alias", Type::Kind::Alias},
    {"enum", Type::Kind::Enum},     {"struct", Type::Kind::Struct},
    {"entity", Type::Kind::Entity}, {"optional", Type::Kind::Optional},
    {"list", Type::Kind::List},     {"map", Type::Kind::Map}};

const Spellings<Scalar> kScalars = {
    {"string", Scalar::String},     {"text", Scalar::Text},       {"int", Scalar::Int},
    {"float", Scalar::Float},       {"decimal", Scalar::Decimal}, {"bool", Scalar::Bool},
    {"uuid", Scalar::Uuid},         {"date", Scalar::Date},       {"datetime", Scalar::DateTime},
    {"duration", Scalar::Duration}, {"bytes", Scalar::Bytes},     {"json", Scalar::Json}};

const Spellings<Value::Kind> kValueKinds = {
    {"null", Value::Kind::Null},       {"bool", Value::Kind::Bool},
    {"integer", Value::Kind::Integer}, {"number", Value::Kind::Number},
    {"string", Value::Kind::String},   {"name", Value::Kind::Name},
    {"list", Value::Kind::List},       {"object", Value::Kind::Object}};

const Spellings<FieldOwner::Kind> kOwnerKinds = {{"struct", FieldOwner::Kind::Struct},
                                                 {"entity", FieldOwner::Kind::Entity},
                                                 {"event", FieldOwner::Kind::Event},
                                                 {"operation", FieldOwner::Kind::Operation},
                                                 {"transition", FieldOwner::Kind::Transition}};

const Spellings<OnDelete> kOnDelete = {{"restrict", OnDelete::Restrict},
                                       {"cascade", OnDelete::Cascade},
                                       {"setNull", OnDelete::SetNull}};

const Spellings<HttpMethod> kMethods = {{"GET", HttpMethod::Get},
                                        {"POST", HttpMethod::Post},
                                        {"PUT", HttpMethod::Put},
                                        {"PATCH", HttpMethod::Patch},
                                        {"DELETE", HttpMethod::Delete}};

const Spellings<Operation::Kind> kOperationKinds = {{"custom", Operation::Kind::Custom},
                                                    {"list", Operation::Kind::List},
                                                    {"get", Operation::Kind::Get},
                                                    {"create", Operation::Kind::Create},
                                                    {"update", Operation::Kind::Update},
                                                    {"delete", Operation::Kind::Delete},
                                                    {"transition", Operation::Kind::Transition}};

// Closed sets of words the IR keeps as strings.
const std::initializer_list<std::string_view> kResourceActions = {"list", "get", "create", "update",
                                                                  "delete"};
const std::initializer_list<std::string_view> kIntentKinds = {"feature", "page", "component",
                                                              "integration"};
const std::initializer_list<std::string_view> kPriorities = {"", "low", "medium", "high",
                                                             "critical"};
const std::initializer_list<std::string_view> kPlatforms = {"",        "web", "mobile",
                                                            "desktop", "api", "fullstack"};

template <typename E>
std::string_view spelling(Spellings<E> table, E value) {
  for (const auto& [text, e] : table) {
    if (e == value) return text;
  }
  return "?";
}

// ---- writer ------------------------------------------------------------------------------------

// Writes the document straight to a stream, in exactly the layout of nlohmann's
// `dump(2, ' ', false, replace)` (which the format was first written with, and which
// docs/ir-json.md and the golden files show): two-space indentation, `"key": value`, `{}` and `[]`
// for empty containers. No tree is built, so memory stays that of the module however large the
// document (a 1,000,000-entity blueprint gave a 9.9 GB tree). Output goes through a 64 KiB buffer.
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) { buffer_.reserve(kFlushBytes + 4096); }
  ~JsonWriter() { flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

  // The document ends with a line break.
  void finish() {
    buffer_ += '\n';
    flush();
  }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  // The next value is the member `name` of the current object.
  void key(std::string_view name) {
    element();
    append_string(name);
    buffer_ += ": ";
    after_key_ = true;
  }

  void null() { scalar("null"); }
  void boolean(bool value) { scalar(value ? "true" : "false"); }
  void integer(std::int64_t value) {
    element();
    fmt::format_to(std::back_inserter(buffer_), "{}", value);
    done();
  }
  void unsigned_integer(std::uint64_t value) {
    element();
    fmt::format_to(std::back_inserter(buffer_), "{}", value);
    done();
  }
  void string(std::string_view value) {
    element();
    append_string(value);
    done();
  }

 private:
  static constexpr std::size_t kFlushBytes = 64 * 1024;

  struct Level {
    std::size_t count = 0;
  };

  // Before a value or a key: the comma and line break of a container's members.
  void element() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (levels_.empty()) return;
    if (levels_.back().count++ > 0) buffer_ += ',';
    buffer_ += '\n';
    buffer_.append(2 * levels_.size(), ' ');
  }

  void done() {
    if (buffer_.size() >= kFlushBytes) flush();
  }

  void scalar(std::string_view text) {
    element();
    buffer_ += text;
    done();
  }

  void open(char bracket) {
    element();
    buffer_ += bracket;
    levels_.push_back(Level{});
  }

  void close(char bracket) {
    const bool empty = levels_.back().count == 0;
    levels_.pop_back();
    if (!empty) {
      buffer_ += '\n';
      buffer_.append(2 * levels_.size(), ' ');
    }
    buffer_ += bracket;
    done();
  }

  // A JSON string. Printable ASCII is copied as it is; anything else (controls, non-ASCII, which
  // may be ill-formed) goes through nlohmann's escaping, so the bytes are exactly its own.
  void append_string(std::string_view text) {
    const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
      const auto byte = static_cast<unsigned char>(c);
      return byte >= 0x20 && byte < 0x7F && c != '"' && c != '\\';
    });
    if (plain) {
      buffer_ += '"';
      buffer_ += text;
      buffer_ += '"';
      return;
    }
    buffer_ += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }

  std::ostream& out_;
  std::string buffer_;
  std::vector<Level> levels_;
  bool after_key_ = false;
};

template <typename Tag>
void write_id(JsonWriter& w, Id<Tag> id) {
  if (id.is_none()) {
    w.null();
  } else {
    w.unsigned_integer(id.index);
  }
}

void write_index(JsonWriter& w, std::uint32_t index) {
  if (index == UINT32_MAX) {
    w.null();
  } else {
    w.unsigned_integer(index);
  }
}

template <typename Tag>
void write_ids(JsonWriter& w, const std::vector<Id<Tag>>& ids) {
  w.begin_array();
  for (const Id<Tag> id : ids) write_id(w, id);
  w.end_array();
}

void write_strings(JsonWriter& w, const std::vector<std::string>& strings) {
  w.begin_array();
  for (const std::string& s : strings) w.string(s);
  w.end_array();
}

void write_optional_text(JsonWriter& w, const Boxed<std::string>& value) {
  if (value) {
    w.string(*value);
  } else {
    w.null();
  }
}

template <typename Number>
void write_optional_number(JsonWriter& w, const std::optional<Number>& value) {
  if (value) {
    w.unsigned_integer(*value);
  } else {
    w.null();
  }
}

void write_location(JsonWriter& w, const Location& location) {
  w.begin_object();
  w.key("file");
  write_index(w, location.file);
  w.key("begin");
  w.unsigned_integer(location.begin);
  w.key("end");
  w.unsigned_integer(location.end);
  w.end_object();
}

// Values nest as deep as the blueprint's brackets (256 at most, frontend/limits.h) or the
// loader's kIrJsonMaxValueDepth.
void write_value(JsonWriter& w, const Value& value) {
  w.begin_object();
  w.key("kind");
  w.string(spelling(kValueKinds, value.kind));
  switch (value.kind) {
    case Value::Kind::Null: break;
    case Value::Kind::Bool:
      w.key("value");
      w.boolean(value.boolean);
      break;
    case Value::Kind::Integer:
      w.key("value");
      w.integer(value.integer);
      break;
    case Value::Kind::Number:
    case Value::Kind::String:
    case Value::Kind::Name:
      w.key("value");
      w.string(value.text);
      break;
    case Value::Kind::List:
      w.key("items");
      w.begin_array();
      for (const Value& item : value.items) write_value(w, item);
      w.end_array();
      break;
    case Value::Kind::Object:
      w.key("entries");
      w.begin_array();
      for (const auto& [entry_key, item] : value.entries) {
        w.begin_object();
        w.key("key");
        w.string(entry_key);
        w.key("value");
        write_value(w, item);
        w.end_object();
      }
      w.end_array();
      break;
  }
  w.end_object();
}

template <typename Optional>
void write_optional_value(JsonWriter& w, const Optional& value) {
  if (value) {
    write_value(w, *value);
  } else {
    w.null();
  }
}

void write_constraints(JsonWriter& w, const Constraints& c) {
  w.begin_object();
  w.key("min");
  write_optional_text(w, c.min);
  w.key("max");
  write_optional_text(w, c.max);
  w.key("minLength");
  write_optional_number(w, c.min_length);
  w.key("maxLength");
  write_optional_number(w, c.max_length);
  w.key("pattern");
  write_optional_text(w, c.pattern);
  w.key("format");
  write_optional_text(w, c.format);
  w.key("precision");
  write_optional_number(w, c.precision);
  w.key("scale");
  write_optional_number(w, c.scale);
  w.key("id");
  w.boolean(c.is_id);
  w.key("generated");
  w.boolean(c.generated);
  w.key("unique");
  w.boolean(c.unique);
  w.key("index");
  w.boolean(c.index);
  w.key("readonly");
  w.boolean(c.readonly);
  w.key("secret");
  w.boolean(c.secret);
  w.key("deprecated");
  write_optional_text(w, c.deprecated);
  w.end_object();
}

void write_type(JsonWriter& w, const Type& type) {
  w.begin_object();
  w.key("kind");
  w.string(spelling(kTypeKinds, type.kind));
  switch (type.kind) {
    case Type::Kind::Scalar:
      w.key("scalar");
      w.string(spelling(kScalars, type.scalar));
      break;
    case Type::Kind::Alias:
    case Type::Kind::Enum:
    case Type::Kind::Struct:
    case Type::Kind::Entity:
      w.key("declaration");
      write_index(w, type.declaration);
      break;
    case Type::Kind::Optional:
    case Type::Kind::List:
    case Type::Kind::Map:
      w.key("element");
      write_id(w, type.element);
      break;
  }
  w.end_object();
}

// Writes "doc" and "location", which end most nodes.
void write_doc_location(JsonWriter& w, const std::string& doc, const Location& location) {
  w.key("doc");
  w.string(doc);
  w.key("location");
  write_location(w, location);
}

void write_header(JsonWriter& w, const Header& h) {
  w.begin_object();
  w.key("name");
  w.string(h.name);
  w.key("version");
  w.string(h.version);
  w.key("domain");
  w.string(h.domain);
  w.key("platform");
  w.string(h.platform);
  w.key("locales");
  write_strings(w, h.locales);
  w.key("description");
  w.string(h.description);
  write_doc_location(w, h.doc, h.location);
  w.end_object();
}

void write_field_owner(JsonWriter& w, const FieldOwner& owner) {
  w.begin_object();
  w.key("kind");
  w.string(spelling(kOwnerKinds, owner.kind));
  if (owner.kind == FieldOwner::Kind::Transition) {
    w.key("workflow");
    write_index(w, owner.workflow);
  }
  w.key("index");
  write_index(w, owner.index);
  w.end_object();
}

void write_transition(JsonWriter& w, const Transition& t) {
  w.begin_object();
  w.key("from");
  w.begin_array();
  for (const std::uint32_t state : t.from) w.unsigned_integer(state);
  w.end_array();
  w.key("to");
  w.unsigned_integer(t.to);
  w.key("trigger");
  w.string(t.trigger);
  w.key("parameters");
  write_ids(w, t.parameters);
  w.key("roles");
  write_ids(w, t.roles);
  w.key("guard");
  w.string(t.guard);
  w.key("emits");
  write_ids(w, t.emits);
  write_doc_location(w, t.doc, t.location);
  w.end_object();
}

// One top-level store: `"key": [ each element ]`.
template <typename Store, typename WriteOne>
void write_store(JsonWriter& w, std::string_view key, const Store& store, WriteOne&& write_one) {
  w.key(key);
  w.begin_array();
  for (const auto& element : store) write_one(element);
  w.end_array();
}

void write_module(JsonWriter& w, const Module& m) {
  w.begin_object();
  w.key("format");
  w.string(kIrJsonFormat);
  w.key("version");
  w.integer(kIrJsonVersion);
  w.key("files");
  write_strings(w, m.files);
  w.key("header");
  write_header(w, m.header);

  write_store(w, "types", m.types, [&](const Type& t) { write_type(w, t); });

  write_store(w, "aliases", m.aliases, [&](const Alias& a) {
    w.begin_object();
    w.key("name");
    w.string(a.name);
    w.key("target");
    write_id(w, a.target);
    w.key("constraints");
    write_constraints(w, a.constraints);
    w.key("default");
    write_optional_value(w, a.default_value);
    write_doc_location(w, a.doc, a.location);
    w.end_object();
  });

  write_store(w, "enums", m.enums, [&](const Enum& e) {
    w.begin_object();
    w.key("name");
    w.string(e.name);
    write_store(w, "values", e.values, [&](const EnumValue& v) {
      w.begin_object();
      w.key("name");
      w.string(v.name);
      w.key("deprecated");
      write_optional_text(w, v.deprecated);
      write_doc_location(w, *v.doc, v.location);
      w.end_object();
    });
    write_doc_location(w, e.doc, e.location);
    w.end_object();
  });

  write_store(w, "structs", m.structs, [&](const Struct& s) {
    w.begin_object();
    w.key("name");
    w.string(s.name);
    w.key("fields");
    write_ids(w, s.fields);
    write_doc_location(w, s.doc, s.location);
    w.end_object();
  });

  write_store(w, "entities", m.entities, [&](const Entity& e) {
    w.begin_object();
    w.key("name");
    w.string(e.name);
    w.key("fields");
    write_ids(w, e.fields);
    w.key("idField");
    write_id(w, e.id_field);
    write_doc_location(w, *e.doc, e.location);
    w.end_object();
  });

  write_store(w, "fields", m.fields, [&](const Field& f) {
    w.begin_object();
    w.key("name");
    w.string(f.name);
    w.key("type");
    write_id(w, f.type);
    w.key("default");
    write_optional_value(w, f.default_value);
    w.key("constraints");
    write_constraints(w, *f.constraints);
    w.key("owner");
    write_field_owner(w, f.owner);
    w.key("relation");
    write_id(w, f.relation);
    write_doc_location(w, *f.doc, f.location);
    w.end_object();
  });

  write_store(w, "relations", m.relations, [&](const Relation& r) {
    w.begin_object();
    w.key("source");
    write_id(w, r.source);
    w.key("field");
    write_id(w, r.field);
    w.key("target");
    write_id(w, r.target);
    w.key("many");
    w.boolean(r.many);
    w.key("optional");
    w.boolean(r.optional);
    w.key("inverse");
    write_id(w, r.inverse);
    w.key("onDelete");
    w.string(spelling(kOnDelete, r.on_delete));
    w.end_object();
  });

  write_store(w, "events", m.events, [&](const Event& e) {
    w.begin_object();
    w.key("name");
    w.string(e.name);
    w.key("fields");
    write_ids(w, e.fields);
    write_doc_location(w, e.doc, e.location);
    w.end_object();
  });

  write_store(w, "roles", m.roles, [&](const Role& r) {
    w.begin_object();
    w.key("name");
    w.string(r.name);
    write_doc_location(w, r.doc, r.location);
    w.end_object();
  });

  write_store(w, "policies", m.policies, [&](const Policy& p) {
    w.begin_object();
    w.key("name");
    w.string(p.name);
    write_store(w, "rules", p.rules, [&](const PolicyRule& rule) {
      w.begin_object();
      w.key("allow");
      w.boolean(rule.allow);
      w.key("roles");
      write_ids(w, rule.roles);
      w.key("actions");
      write_strings(w, rule.actions);
      w.key("targetEntities");
      write_ids(w, rule.targets);
      w.key("targetApis");
      write_ids(w, rule.target_apis);
      w.key("targetWorkflows");
      write_ids(w, rule.target_workflows);
      w.key("guard");
      w.string(rule.guard);
      w.key("location");
      write_location(w, rule.location);
      w.end_object();
    });
    write_doc_location(w, p.doc, p.location);
    w.end_object();
  });

  write_store(w, "workflows", m.workflows, [&](const Workflow& wf) {
    w.begin_object();
    w.key("name");
    w.string(wf.name);
    w.key("entity");
    write_id(w, wf.entity);
    w.key("stateField");
    write_id(w, wf.state_field);
    w.key("states");
    write_id(w, wf.states);
    w.key("initial");
    w.unsigned_integer(wf.initial);
    w.key("guards");
    write_strings(w, wf.guards);
    write_store(w, "transitions", wf.transitions, [&](const Transition& t) { write_transition(w, t); });
    write_doc_location(w, wf.doc, wf.location);
    w.end_object();
  });

  write_store(w, "apis", m.apis, [&](const Api& a) {
    w.begin_object();
    w.key("name");
    w.string(a.name);
    w.key("basePath");
    w.string(a.base_path);
    write_store(w, "resources", a.resources, [&](const Resource& r) {
      w.begin_object();
      w.key("entity");
      write_id(w, r.entity);
      w.key("actions");
      w.begin_array();
      for (const CrudAction action : r.actions) w.string(crud_action_name(action));
      w.end_array();
      w.key("workflow");
      write_id(w, r.workflow);
      w.key("location");
      write_location(w, r.location);
      w.end_object();
    });
    w.key("operations");
    write_ids(w, a.operations);
    write_doc_location(w, a.doc, a.location);
    w.end_object();
  });

  write_store(w, "operations", m.operations, [&](const Operation& o) {
    w.begin_object();
    w.key("name");
    w.string(o.name);
    w.key("kind");
    w.string(spelling(kOperationKinds, o.kind));
    w.key("api");
    write_id(w, o.api);
    w.key("entity");
    write_id(w, o.entity);
    w.key("workflow");
    write_id(w, o.workflow);
    w.key("transition");
    write_index(w, o.transition);
    w.key("parameters");
    write_ids(w, o.parameters);
    w.key("result");
    write_id(w, o.result);
    w.key("method");
    w.string(spelling(kMethods, o.method));
    w.key("path");
    w.string(o.path);
    w.key("roles");
    write_ids(w, *o.roles);
    w.key("deprecated");
    write_optional_text(w, o.deprecated);
    write_doc_location(w, *o.doc, o.location);
    w.end_object();
  });

  write_store(w, "intents", m.intents, [&](const Intent& i) {
    w.begin_object();
    w.key("kind");
    w.string(i.kind);
    w.key("title");
    w.string(i.title);
    w.key("priority");
    w.string(i.priority);
    w.key("description");
    w.string(i.description);
    w.key("uses");
    write_strings(w, i.uses);
    write_doc_location(w, i.doc, i.location);
    w.end_object();
  });

  write_store(w, "targets", m.targets, [&](const Target& t) {
    w.begin_object();
    w.key("name");
    w.string(t.name);
    write_store(w, "options", t.options, [&](const std::pair<std::string, Value>& option) {
      w.begin_object();
      w.key("name");
      w.string(option.first);
      w.key("value");
      write_value(w, option.second);
      w.end_object();
    });
    write_doc_location(w, t.doc, t.location);
    w.end_object();
  });
  w.end_object();
}

// ---- loader ------------------------------------------------------------------------------------

using Json = nlohmann::json;

// The stores an ID can index, with the key of their top-level array and their names in messages.
enum class Store : std::uint8_t {
  Files,
  Types,
  Aliases,
  Enums,
  Structs,
  Entities,
  Fields,
  Relations,
  Events,
  Roles,
  Policies,
  Workflows,
  Apis,
  Operations,
  Intents,
  Targets
};
struct StoreInfo {
  std::string_view key;
  std::string_view singular;
};
constexpr std::array<StoreInfo, 16> kStores = {{{"files", "file"},
                                                {"types", "type"},
                                                {"aliases", "alias"},
                                                {"enums", "enum"},
                                                {"structs", "struct"},
                                                {"entities", "entity"},
                                                {"fields", "field"},
                                                {"relations", "relation"},
                                                {"events", "event"},
                                                {"roles", "role"},
                                                {"policies", "policy"},
                                                {"workflows", "workflow"},
                                                {"apis", "api"},
                                                {"operations", "operation"},
                                                {"intents", "intent"},
                                                {"targets", "target"}}};

const StoreInfo& info(Store store) { return kStores[static_cast<std::size_t>(store)]; }

using Keys = std::initializer_list<std::string_view>;

std::string quote(std::string_view text) {
  return Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string describe(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case Json::value_t::number_integer:
      return fmt::format("the integer {}", value.get<std::int64_t>());
    case Json::value_t::number_unsigned:
      return fmt::format("the integer {}", value.get<std::uint64_t>());
    case Json::value_t::number_float: return "the number " + value.dump();
    case Json::value_t::string: return "a string";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    default: return "an invalid value";
  }
}

// "an entity", "a field".
std::string with_article(std::string_view noun) {
  const bool vowel =
      !noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string_view::npos;
  return fmt::format("{} {}", vowel ? "an" : "a", noun);
}

std::string join_words(std::initializer_list<std::string_view> words) {
  std::string out;
  for (const std::string_view w : words) {
    if (!out.empty()) out += ", ";
    out += w.empty() ? "\"\"" : std::string(w);
  }
  return out;
}

// The spelling of a number as the IR keeps it: an optional minus, digits, an optional fraction
// and an optional exponent (`-12`, `2.5e-3`).
bool is_number_spelling(std::string_view s) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (!digits()) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// `text` with bytes outside printable ASCII written as `\xHH`: nlohmann's syntax errors quote
// the input, which may be anything, and messages must stay valid UTF-8 on one line.
std::string printable(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f) {
      out += fmt::format("\\x{:02X}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

// JSON pointer escaping of one reference token.
std::string pointer_token(std::string_view key) {
  std::string out;
  for (const char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string child(const std::string& path, std::string_view key) {
  return path + "/" + std::string(key);
}
std::string child(const std::string& path, std::size_t index) {
  return path + "/" + std::to_string(index);
}

// Finds duplicate keys while nlohmann parses (its DOM keeps only the last of duplicates).
class DuplicateKeyFinder {
 public:
  bool operator()(int, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start: frames_.push_back(Frame{true, {}, {}, 0}); break;
      case Json::parse_event_t::array_start: frames_.push_back(Frame{false, {}, {}, 0}); break;
      case Json::parse_event_t::key: {
        if (frames_.empty()) break;
        Frame& top = frames_.back();
        top.key = parsed.get<std::string>();
        if (!top.keys.insert(top.key).second && duplicates_.size() < kIrJsonMaxErrors) {
          std::string path;
          for (std::size_t i = 0; i + 1 < frames_.size(); ++i) path += "/" + component(frames_[i]);
          duplicates_.push_back(
              fmt::format("{}: duplicate key {}", path.empty() ? "/" : path, quote(top.key)));
        }
        break;
      }
      case Json::parse_event_t::value: element_done(); break;
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        if (!frames_.empty()) frames_.pop_back();
        element_done();
        break;
    }
    return true;
  }
  const std::vector<std::string>& duplicates() const { return duplicates_; }

 private:
  struct Frame {
    bool object;
    std::set<std::string> keys;
    std::string key;
    std::size_t index;
  };
  static std::string component(const Frame& frame) {
    return frame.object ? pointer_token(frame.key) : std::to_string(frame.index);
  }
  void element_done() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
  }
  std::vector<Frame> frames_;
  std::vector<std::string> duplicates_;
};

class Loader {
 public:
  explicit Loader(std::vector<std::string>& errors) : errors_(errors) {}

  std::optional<Module> load(std::string_view text) {
    Json root;
    DuplicateKeyFinder finder;
    try {
      root = Json::parse(text.begin(), text.end(), std::ref(finder));
    } catch (const Json::parse_error& e) {
      std::string what = e.what();
      const std::size_t bracket = what.find("] ");
      if (what.rfind("[json.exception", 0) == 0 && bracket != std::string::npos) {
        what = what.substr(bracket + 2);
      }
      add("invalid JSON: " + printable(what));
      return std::nullopt;
    }
    for (const std::string& duplicate : finder.duplicates()) add(duplicate);
    if (failed_) return std::nullopt;

    if (!root.is_object()) {
      error("", "expected an object, found " + describe(root));
      return std::nullopt;
    }
    if (!check_format(root)) return std::nullopt;

    std::vector<std::string_view> top = {"format", "version", "header"};
    for (const StoreInfo& store : kStores) top.push_back(store.key);
    object_keys(root, "", top, "");
    for (std::size_t i = 0; i < kStores.size(); ++i) {
      const auto it = root.find(kStores[i].key);
      if (it == root.end()) continue;  // reported as missing
      if (!it->is_array()) {
        error(child("", kStores[i].key), "expected an array, found " + describe(*it));
      } else {
        sizes_[i] = it->size();
      }
    }
    if (failed_) return std::nullopt;

    read_strings(root, "files", "", module_.files);
    if (const Json* header = member(root, "header")) read_header(*header, "/header");
    read_types(root.at("types"));
    read_all(root, Store::Aliases, module_.aliases, &Loader::read_alias);
    read_all(root, Store::Enums, module_.enums, &Loader::read_enumeration);
    read_all(root, Store::Structs, module_.structs, &Loader::read_struct);
    read_all(root, Store::Entities, module_.entities, &Loader::read_entity);
    read_all(root, Store::Fields, module_.fields, &Loader::read_field);
    read_all(root, Store::Relations, module_.relations, &Loader::read_relation);
    read_all(root, Store::Events, module_.events, &Loader::read_event);
    read_all(root, Store::Roles, module_.roles, &Loader::read_role);
    read_all(root, Store::Policies, module_.policies, &Loader::read_policy);
    read_all(root, Store::Workflows, module_.workflows, &Loader::read_workflow);
    read_all(root, Store::Apis, module_.apis, &Loader::read_api);
    read_all(root, Store::Operations, module_.operations, &Loader::read_operation);
    read_all(root, Store::Intents, module_.intents, &Loader::read_intent);
    read_all(root, Store::Targets, module_.targets, &Loader::read_target);
    check_transition_owners();
    if (failed_) return std::nullopt;
    return std::move(module_);
  }

 private:
  // ---- errors ----

  void add(std::string message) {
    failed_ = true;
    if (count_ == kIrJsonMaxErrors) {
      errors_.push_back(fmt::format("too many errors; stopped after {}", kIrJsonMaxErrors));
    }
    if (count_++ < kIrJsonMaxErrors) errors_.push_back(std::move(message));
  }
  void error(const std::string& path, std::string_view message) {
    add(fmt::format("{}: {}", path.empty() ? "/" : path, message));
  }
  bool stopped() const { return count_ > kIrJsonMaxErrors; }
  void type_error(const std::string& path, std::string_view expected, const Json& found) {
    error(path, fmt::format("expected {}, found {}", expected, describe(found)));
  }

  // ---- the format tag and version ----

  bool check_format(const Json& root) {
    const auto format = root.find("format");
    if (format == root.end()) {
      error("", "missing key \"format\" (not a bpc IR document)");
      return false;
    }
    if (!format->is_string() || format->get<std::string>() != kIrJsonFormat) {
      error("/format", fmt::format("expected \"{}\", found {}", kIrJsonFormat,
                                   format->is_string() ? quote(format->get<std::string>())
                                                       : describe(*format)));
      return false;
    }
    const auto version = root.find("version");
    if (version == root.end()) {
      error("", "missing key \"version\"");
      return false;
    }
    if (!version->is_number_integer()) {
      type_error("/version", "an integer", *version);
      return false;
    }
    if (!version->is_number_unsigned() || version->get<std::uint64_t>() != kIrJsonVersion) {
      error("/version", fmt::format("unsupported version {}; this bpc reads version {}",
                                    version->dump(), kIrJsonVersion));
      return false;
    }
    return true;
  }

  // ---- objects and members ----

  // Reports unexpected and missing keys; false when `value` is not an object at all. `kind`
  // names the kind that decided the key set, for objects whose keys depend on their "kind".
  bool object_keys(const Json& value, const std::string& path,
                   const std::vector<std::string_view>& keys, std::string_view kind) {
    if (!value.is_object()) {
      type_error(path, "an object", value);
      return false;
    }
    for (const auto& [key, member] : value.items()) {
      bool known = false;
      for (const std::string_view k : keys) known = known || k == key;
      if (known) continue;
      if (kind.empty()) {
        error(path, "unexpected key " + quote(key));
      } else {
        error(path, fmt::format("unexpected key {} for kind \"{}\"", quote(key), kind));
      }
    }
    for (const std::string_view k : keys) {
      if (!value.contains(k)) error(path, "missing key " + quote(k));
    }
    return true;
  }
  bool object(const Json& value, const std::string& path, Keys keys) {
    return object_keys(value, path, std::vector<std::string_view>(keys), "");
  }

  // The member `key` of an object already checked by `object`; null when it is missing (and so
  // already reported).
  static const Json* member(const Json& object, std::string_view key) {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }

  void read_string(const Json& object, std::string_view key, const std::string& path,
                   std::string& out) {
    const Json* v = member(object, key);
    if (v == nullptr) return;
    if (!v->is_string()) return type_error(child(path, key), "a string", *v);
    out = v->get<std::string>();
  }

  void read_word(const Json& object, std::string_view key, const std::string& path,
                 std::initializer_list<std::string_view> words, std::string_view what,
                 std::string& out) {
    const Json* v = member(object, key);
    if (v == nullptr) return;
    if (!v->is_string()) return type_error(child(path, key), "a string", *v);
    out = v->get<std::string>();
    for (const std::string_view w : words) {
      if (w == out) return;
    }
    error(child(path, key),
          fmt::format("unknown {} {} (expected one of {})", what, quote(out), join_words(words)));
  }

  // `Optional` is std::optional<std::string> or Boxed<std::string>.
  template <typename Optional>
  void read_optional_string(const Json& object, std::string_view key, const std::string& path,
                            Optional& out) {
    const Json* v = member(object, key);
    if (v == nullptr || v->is_null()) return;
    if (!v->is_string()) return type_error(child(path, key), "a string or null", *v);
    out = v->get<std::string>();
  }

  template <typename Optional>
  void read_optional_number(const Json& object, std::string_view key, const std::string& path,
                            Optional& out) {
    read_optional_string(object, key, path, out);
    if (out && !is_number_spelling(*out)) {
      error(child(path, key), quote(*out) + " is not a number");
    }
  }

  void read_bool(const Json& object, std::string_view key, const std::string& path, bool& out) {
    const Json* v = member(object, key);
    if (v == nullptr) return;
    if (!v->is_boolean()) return type_error(child(path, key), "true or false", *v);
    out = v->get<bool>();
  }

  // A non-negative integer up to `max`.
  std::optional<std::uint64_t> unsigned_value(const Json& v, const std::string& path,
                                              std::uint64_t max) {
    if (!v.is_number_unsigned()) {
      type_error(path, "a non-negative integer", v);
      return std::nullopt;
    }
    const std::uint64_t n = v.get<std::uint64_t>();
    if (n > max) {
      error(path, fmt::format("{} is too large (at most {})", n, max));
      return std::nullopt;
    }
    return n;
  }

  void read_u32(const Json& object, std::string_view key, const std::string& path,
                std::uint32_t& out) {
    const Json* v = member(object, key);
    if (v == nullptr) return;
    if (const auto n = unsigned_value(*v, child(path, key), UINT32_MAX)) {
      out = static_cast<std::uint32_t>(*n);
    }
  }

  template <typename T>
  void read_optional_unsigned(const Json& object, std::string_view key, const std::string& path,
                              std::optional<T>& out) {
    const Json* v = member(object, key);
    if (v == nullptr || v->is_null()) return;
    if (!v->is_number_unsigned()) {
      return type_error(child(path, key), "a non-negative integer or null", *v);
    }
    if (const auto n = unsigned_value(*v, child(path, key), std::numeric_limits<T>::max())) {
      out = static_cast<T>(*n);
    }
  }

  void read_strings(const Json& object, std::string_view key, const std::string& path,
                    std::vector<std::string>& out) {
    const Json* v = member(object, key);
    if (v == nullptr) return;
    const std::string list_path = child(path, key);
    if (!v->is_array()) return type_error(list_path, "an array", *v);
    for (std::size_t i = 0; i < v->size(); ++i) {
      const Json& item = (*v)[i];
      if (!item.is_string()) {
        type_error(child(list_path, i), "a string", item);
        continue;
      }
      out.push_back(item.get<std::string>());
    }
  }

  template <typename E>
  void read_enum(const Json& object, std::string_view key, const std::string& path,
                 Spellings<E> table, std::string_view what, E& out) {
    const Json* v = member(object, key);
    if (v == nullptr) return;
    if (!v->is_string()) return type_error(child(path, key), "a string", *v);
    const std::string text = v->get<std::string>();
    std::string expected;
    for (const auto& [spelled, value] : table) {
      if (spelled == text) {
        out = value;
        return;
      }
      expected += expected.empty() ? "" : ", ";
      expected += spelled;
    }
    error(child(path, key),
          fmt::format("unknown {} {} (expected one of {})", what, quote(text), expected));
  }

  // ---- IDs ----

  std::size_t size(Store store) const { return sizes_[static_cast<std::size_t>(store)]; }

  // An index into `store` at `path`: null (UINT32_MAX) when `nullable`, else in range. Nullopt
  // after reporting a problem.
  std::optional<std::uint32_t> index(const Json& v, const std::string& path, Store store,
                                     bool nullable) {
    const StoreInfo& s = info(store);
    if (v.is_null()) {
      if (nullable) return UINT32_MAX;
      type_error(path, fmt::format("{} index", with_article(s.singular)), v);
      return std::nullopt;
    }
    if (!v.is_number_unsigned()) {
      type_error(
          path, fmt::format("{} index{}", with_article(s.singular), nullable ? " or null" : ""), v);
      return std::nullopt;
    }
    const std::uint64_t n = v.get<std::uint64_t>();
    if (n >= size(store)) {
      error(path,
            fmt::format("{} index {} out of range ({} {})", s.singular, n, size(store), s.key));
      return std::nullopt;
    }
    return static_cast<std::uint32_t>(n);
  }

  template <typename Tag>
  void read_id(const Json& object, std::string_view key, const std::string& path, Store store,
               bool nullable, Id<Tag>& out) {
    const Json* v = member(object, key);
    if (v == nullptr) return;
    if (const auto n = index(*v, child(path, key), store, nullable)) out = Id<Tag>{*n};
  }

  template <typename Tag>
  void read_ids(const Json& object, std::string_view key, const std::string& path, Store store,
                std::vector<Id<Tag>>& out) {
    const Json* v = member(object, key);
    if (v == nullptr) return;
    const std::string list_path = child(path, key);
    if (!v->is_array()) return type_error(list_path, "an array", *v);
    for (std::size_t i = 0; i < v->size(); ++i) {
      if (const auto n = index((*v)[i], child(list_path, i), store, false)) {
        out.push_back(Id<Tag>{*n});
      }
    }
  }

  // An index into the values of enum `states` (a workflow state); unchecked when the enum itself
  // is not valid (already reported).
  void check_state(std::uint32_t state, EnumId states, const std::string& path) {
    if (states.is_none() || states.index >= module_.enums.size()) return;
    const Enum& e = module_.enums[states.index];
    if (state >= e.values.size()) {
      error(path, fmt::format("state index {} out of range ({} values in enum {})", state,
                              e.values.size(), quote(e.name)));
    }
  }

  // ---- values, constraints, locations ----

  void read_location(const Json& object, const std::string& path, Location& out) {
    const Json* v = member(object, "location");
    if (v == nullptr) return;
    const std::string at = child(path, "location");
    if (!this->object(*v, at, {"file", "begin", "end"})) return;
    if (const Json* file = member(*v, "file")) {
      if (const auto n = index(*file, child(at, "file"), Store::Files, true)) out.file = *n;
    }
    const std::size_t before = count_;
    read_u32(*v, "begin", at, out.begin);
    read_u32(*v, "end", at, out.end);
    if (count_ == before && out.begin > out.end) {
      error(at, fmt::format("begin {} is after end {}", out.begin, out.end));
    }
  }

  void read_doc_location(const Json& object, const std::string& path, std::string& doc,
                         Location& location) {
    read_string(object, "doc", path, doc);
    read_location(object, path, location);
  }

  bool read_value(const Json& v, const std::string& path, int depth, Value& out) {
    if (depth > kIrJsonMaxValueDepth) {
      error(path, fmt::format("value nested deeper than {} levels", kIrJsonMaxValueDepth));
      return false;
    }
    if (!v.is_object()) {
      type_error(path, "a value object", v);
      return false;
    }
    const Json* kind = member(v, "kind");
    if (kind == nullptr) {
      error(path, "missing key \"kind\"");
      return false;
    }
    const std::size_t before = count_;
    read_enum(v, "kind", path, kValueKinds, "value kind", out.kind);
    if (count_ != before) return false;
    const std::string_view kind_name = spelling(kValueKinds, out.kind);
    switch (out.kind) {
      case Value::Kind::Null: object_keys(v, path, {"kind"}, kind_name); break;
      case Value::Kind::Bool:
        object_keys(v, path, {"kind", "value"}, kind_name);
        read_bool(v, "value", path, out.boolean);
        break;
      case Value::Kind::Integer: {
        object_keys(v, path, {"kind", "value"}, kind_name);
        const Json* n = member(v, "value");
        if (n == nullptr) break;
        if (n->is_number_unsigned()) {
          const std::uint64_t u = n->get<std::uint64_t>();
          if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            error(child(path, "value"), fmt::format("integer {} does not fit in 64 bits", u));
          } else {
            out.integer = static_cast<std::int64_t>(u);
          }
        } else if (n->is_number_integer()) {
          out.integer = n->get<std::int64_t>();
        } else {
          type_error(child(path, "value"), "an integer", *n);
        }
        break;
      }
      case Value::Kind::Number:
        object_keys(v, path, {"kind", "value"}, kind_name);
        read_string(v, "value", path, out.text);
        if (const Json* n = member(v, "value");
            n && n->is_string() && !is_number_spelling(out.text)) {
          error(child(path, "value"), quote(out.text) + " is not a number");
        }
        break;
      case Value::Kind::String:
      case Value::Kind::Name:
        object_keys(v, path, {"kind", "value"}, kind_name);
        read_string(v, "value", path, out.text);
        break;
      case Value::Kind::List: {
        object_keys(v, path, {"kind", "items"}, kind_name);
        const Json* items = member(v, "items");
        if (items == nullptr) break;
        const std::string items_path = child(path, "items");
        if (!items->is_array()) {
          type_error(items_path, "an array", *items);
          break;
        }
        for (std::size_t i = 0; i < items->size() && !stopped(); ++i) {
          Value item;
          if (!read_value((*items)[i], child(items_path, i), depth + 1, item)) return false;
          out.items.push_back(std::move(item));
        }
        break;
      }
      case Value::Kind::Object: {
        object_keys(v, path, {"kind", "entries"}, kind_name);
        const Json* entries = member(v, "entries");
        if (entries == nullptr) break;
        const std::string entries_path = child(path, "entries");
        if (!entries->is_array()) {
          type_error(entries_path, "an array", *entries);
          break;
        }
        for (std::size_t i = 0; i < entries->size() && !stopped(); ++i) {
          const Json& entry = (*entries)[i];
          const std::string entry_path = child(entries_path, i);
          if (!object(entry, entry_path, {"key", "value"})) continue;
          // (Not a default-constructed pair: clang 14 with libstdc++ 12 deems pair<string, Value>
          // not default-constructible, Value being recursive through it.)
          std::string key;
          Value item;
          read_string(entry, "key", entry_path, key);
          const Json* value = member(entry, "value");
          if (value == nullptr) continue;
          if (!read_value(*value, child(entry_path, "value"), depth + 1, item)) return false;
          out.entries.emplace_back(std::move(key), std::move(item));
        }
        break;
      }
    }
    return true;
  }

  template <typename Optional>  // std::optional<Value> or Boxed<Value>
  void read_optional_value(const Json& object, std::string_view key, const std::string& path,
                           Optional& out) {
    const Json* v = member(object, key);
    if (v == nullptr || v->is_null()) return;
    Value value;
    read_value(*v, child(path, key), 1, value);
    out = std::move(value);
  }

  void read_constraints(const Json& object, const std::string& path, Constraints& out) {
    const Json* v = member(object, "constraints");
    if (v == nullptr) return;
    const std::string at = child(path, "constraints");
    if (!this->object(
            *v, at,
            {"min", "max", "minLength", "maxLength", "pattern", "format", "precision", "scale",
             "id", "generated", "unique", "index", "readonly", "secret", "deprecated"})) {
      return;
    }
    read_optional_number(*v, "min", at, out.min);
    read_optional_number(*v, "max", at, out.max);
    read_optional_unsigned(*v, "minLength", at, out.min_length);
    read_optional_unsigned(*v, "maxLength", at, out.max_length);
    read_optional_string(*v, "pattern", at, out.pattern);
    read_optional_string(*v, "format", at, out.format);
    read_optional_unsigned(*v, "precision", at, out.precision);
    read_optional_unsigned(*v, "scale", at, out.scale);
    read_bool(*v, "id", at, out.is_id);
    read_bool(*v, "generated", at, out.generated);
    read_bool(*v, "unique", at, out.unique);
    read_bool(*v, "index", at, out.index);
    read_bool(*v, "readonly", at, out.readonly);
    read_bool(*v, "secret", at, out.secret);
    read_optional_string(*v, "deprecated", at, out.deprecated);
  }

  // ---- stores ----

  template <typename Nodes, typename T = typename Nodes::value_type>  // a vector or, for fields, a deque
  void read_all(const Json& root, Store store, Nodes& out, void (Loader::*read)(const Json&, const std::string&, T&)) {
    const Json& array = root.at(info(store).key);
    const std::string path = child("", info(store).key);
    out.resize(array.size());
    for (std::size_t i = 0; i < array.size() && !stopped(); ++i) {
      (this->*read)(array[i], child(path, i), out[i]);
    }
  }

  void read_header(const Json& v, const std::string& path) {
    if (!object(v, path,
                {"name", "version", "domain", "platform", "locales", "description", "doc",
                 "location"})) {
      return;
    }
    Header& h = module_.header;
    read_string(v, "name", path, h.name);
    read_string(v, "version", path, h.version);
    read_string(v, "domain", path, h.domain);
    read_word(v, "platform", path, kPlatforms, "platform", h.platform);
    read_strings(v, "locales", path, h.locales);
    read_string(v, "description", path, h.description);
    read_doc_location(v, path, h.doc, h.location);
  }

  void read_types(const Json& array) {
    Module interned;
    TypeInterner interner(interned);
    std::vector<int> depth(array.size(), 0);
    module_.types.resize(array.size());
    for (std::size_t i = 0; i < array.size() && !stopped(); ++i) {
      const Json& v = array[i];
      const std::string path = child("/types", i);
      Type& t = module_.types[i];
      const std::size_t before = count_;
      read_type(v, path, i, t, depth);
      if (count_ != before) {
        // Keep the interned copy aligned with the store, so that later duplicates name the
        // right index, without interning a type that is not what the document says.
        interned.types.push_back(Type{});
        continue;
      }
      const std::size_t interned_before = interned.types.size();
      const TypeId id = interner.intern(t);
      if (interned.types.size() == interned_before) {
        error(path, fmt::format("duplicate of type {} (types are interned: each appears once)",
                                id.index));
        interned.types.push_back(t);
      }
    }
  }

  void read_type(const Json& v, const std::string& path, std::size_t i, Type& t,
                 std::vector<int>& depth) {
    if (!v.is_object()) return type_error(path, "a type object", v);
    if (!v.contains("kind")) return error(path, "missing key \"kind\"");
    const std::size_t before = count_;
    read_enum(v, "kind", path, kTypeKinds, "type kind", t.kind);
    if (count_ != before) return;
    const std::string_view kind = spelling(kTypeKinds, t.kind);
    depth[i] = 1;
    switch (t.kind) {
      case Type::Kind::Scalar:
        object_keys(v, path, {"kind", "scalar"}, kind);
        read_enum(v, "scalar", path, kScalars, "scalar type", t.scalar);
        break;
      case Type::Kind::Alias:
      case Type::Kind::Enum:
      case Type::Kind::Struct:
      case Type::Kind::Entity: {
        object_keys(v, path, {"kind", "declaration"}, kind);
        const Store store = t.kind == Type::Kind::Alias    ? Store::Aliases
                            : t.kind == Type::Kind::Enum   ? Store::Enums
                            : t.kind == Type::Kind::Struct ? Store::Structs
                                                           : Store::Entities;
        if (const Json* d = member(v, "declaration")) {
          if (const auto n = index(*d, child(path, "declaration"), store, false)) {
            t.declaration = *n;
          }
        }
        break;
      }
      case Type::Kind::Optional:
      case Type::Kind::List:
      case Type::Kind::Map: {
        object_keys(v, path, {"kind", "element"}, kind);
        const Json* e = member(v, "element");
        if (e == nullptr) break;
        const auto n = index(*e, child(path, "element"), Store::Types, false);
        if (!n) break;
        if (*n >= i) {
          error(child(path, "element"),
                fmt::format("element type {} is not an earlier type (a type's elements come "
                            "before it)",
                            *n));
          break;
        }
        t.element = TypeId{*n};
        depth[i] = depth[*n] + 1;
        if (depth[i] == kIrJsonMaxTypeDepth + 1) {
          error(path, fmt::format("type nested deeper than {} levels", kIrJsonMaxTypeDepth));
        }
        break;
      }
    }
  }

  void read_alias(const Json& v, const std::string& path, Alias& a) {
    if (!object(v, path, {"name", "target", "constraints", "default", "doc", "location"})) return;
    read_string(v, "name", path, a.name);
    read_id(v, "target", path, Store::Types, false, a.target);
    read_constraints(v, path, a.constraints);
    read_optional_value(v, "default", path, a.default_value);
    read_doc_location(v, path, a.doc, a.location);
  }

  void read_enumeration(const Json& v, const std::string& path, Enum& e) {
    if (!object(v, path, {"name", "values", "doc", "location"})) return;
    read_string(v, "name", path, e.name);
    if (const Json* values = member(v, "values")) {
      const std::string values_path = child(path, "values");
      if (!values->is_array()) {
        type_error(values_path, "an array", *values);
      } else {
        e.values.resize(values->size());
        for (std::size_t i = 0; i < values->size() && !stopped(); ++i) {
          const Json& value = (*values)[i];
          const std::string at = child(values_path, i);
          EnumValue& ev = e.values[i];
          if (!object(value, at, {"name", "deprecated", "doc", "location"})) continue;
          read_string(value, "name", at, ev.name);
          read_optional_string(value, "deprecated", at, ev.deprecated);
          std::string doc;
          read_doc_location(value, at, doc, ev.location);
          ev.doc = std::move(doc);
        }
      }
    }
    read_doc_location(v, path, e.doc, e.location);
  }

  void read_struct(const Json& v, const std::string& path, Struct& s) {
    if (!object(v, path, {"name", "fields", "doc", "location"})) return;
    read_string(v, "name", path, s.name);
    read_ids(v, "fields", path, Store::Fields, s.fields);
    read_doc_location(v, path, s.doc, s.location);
  }

  void read_entity(const Json& v, const std::string& path, Entity& e) {
    if (!object(v, path, {"name", "fields", "idField", "doc", "location"})) return;
    read_string(v, "name", path, e.name);
    read_ids(v, "fields", path, Store::Fields, e.fields);
    read_id(v, "idField", path, Store::Fields, true, e.id_field);
    std::string doc;
    read_doc_location(v, path, doc, e.location);
    e.doc = std::move(doc);
  }

  void read_field(const Json& v, const std::string& path, Field& f) {
    if (!object(
            v, path,
            {"name", "type", "default", "constraints", "owner", "relation", "doc", "location"})) {
      return;
    }
    read_string(v, "name", path, f.name);
    read_id(v, "type", path, Store::Types, false, f.type);
    read_optional_value(v, "default", path, f.default_value);
    ir::Constraints constraints;
    read_constraints(v, path, constraints);
    f.constraints = std::move(constraints);  // kept on the heap only when there are any
    read_owner(v, path, f.owner);
    read_id(v, "relation", path, Store::Relations, true, f.relation);
    std::string doc;
    read_doc_location(v, path, doc, f.location);
    f.doc = std::move(doc);
  }

  void read_owner(const Json& object, const std::string& path, FieldOwner& out) {
    const Json* v = member(object, "owner");
    if (v == nullptr) return;
    const std::string at = child(path, "owner");
    if (!v->is_object()) return type_error(at, "an object", *v);
    if (!v->contains("kind")) return error(at, "missing key \"kind\"");
    const std::size_t before = count_;
    read_enum(*v, "kind", at, kOwnerKinds, "owner kind", out.kind);
    if (count_ != before) return;
    const std::string_view kind = spelling(kOwnerKinds, out.kind);
    if (out.kind == FieldOwner::Kind::Transition) {
      object_keys(*v, at, {"kind", "workflow", "index"}, kind);
      const Json* workflow = member(*v, "workflow");
      const Json* transition = member(*v, "index");
      if (workflow == nullptr || transition == nullptr) return;
      const auto w = index(*workflow, child(at, "workflow"), Store::Workflows, false);
      const auto t = unsigned_value(*transition, child(at, "index"), UINT32_MAX - 1);
      if (!w || !t) return;
      out.workflow = *w;
      out.index = static_cast<std::uint32_t>(*t);
      // Workflows are read after fields: checked in check_transition_owners.
      transition_owners_.push_back({out.workflow, out.index, child(at, "index")});
      return;
    }
    object_keys(*v, at, {"kind", "index"}, kind);
    const Store store = out.kind == FieldOwner::Kind::Struct   ? Store::Structs
                        : out.kind == FieldOwner::Kind::Entity ? Store::Entities
                        : out.kind == FieldOwner::Kind::Event  ? Store::Events
                                                               : Store::Operations;
    if (const Json* i = member(*v, "index")) {
      if (const auto n = index(*i, child(at, "index"), store, false)) out.index = *n;
    }
  }

  void check_transition(std::uint32_t workflow, std::uint32_t transition, const std::string& path) {
    if (workflow >= module_.workflows.size()) return;
    const Workflow& w = module_.workflows[workflow];
    if (transition >= w.transitions.size()) {
      error(path, fmt::format("transition index {} out of range ({} transitions in workflow {})",
                              transition, w.transitions.size(), quote(w.name)));
    }
  }

  void check_transition_owners() {
    for (const auto& [workflow, transition, path] : transition_owners_) {
      check_transition(workflow, transition, path);
    }
  }

  void read_relation(const Json& v, const std::string& path, Relation& r) {
    if (!object(v, path,
                {"source", "field", "target", "many", "optional", "inverse", "onDelete"})) {
      return;
    }
    read_id(v, "source", path, Store::Entities, false, r.source);
    read_id(v, "field", path, Store::Fields, false, r.field);
    read_id(v, "target", path, Store::Entities, false, r.target);
    read_bool(v, "many", path, r.many);
    read_bool(v, "optional", path, r.optional);
    read_id(v, "inverse", path, Store::Fields, true, r.inverse);
    read_enum(v, "onDelete", path, kOnDelete, "onDelete action", r.on_delete);
  }

  void read_event(const Json& v, const std::string& path, Event& e) {
    if (!object(v, path, {"name", "fields", "doc", "location"})) return;
    read_string(v, "name", path, e.name);
    read_ids(v, "fields", path, Store::Fields, e.fields);
    read_doc_location(v, path, e.doc, e.location);
  }

  void read_role(const Json& v, const std::string& path, Role& r) {
    if (!object(v, path, {"name", "doc", "location"})) return;
    read_string(v, "name", path, r.name);
    read_doc_location(v, path, r.doc, r.location);
  }

  void read_policy(const Json& v, const std::string& path, Policy& p) {
    if (!object(v, path, {"name", "rules", "doc", "location"})) return;
    read_string(v, "name", path, p.name);
    if (const Json* rules = member(v, "rules")) {
      const std::string rules_path = child(path, "rules");
      if (!rules->is_array()) {
        type_error(rules_path, "an array", *rules);
      } else {
        p.rules.resize(rules->size());
        for (std::size_t i = 0; i < rules->size() && !stopped(); ++i) {
          const Json& rule = (*rules)[i];
          const std::string at = child(rules_path, i);
          PolicyRule& r = p.rules[i];
          if (!object(rule, at,
                      {"allow", "roles", "actions", "targetEntities", "targetApis",
                       "targetWorkflows", "guard", "location"})) {
            continue;
          }
          read_bool(rule, "allow", at, r.allow);
          read_ids(rule, "roles", at, Store::Roles, r.roles);
          read_strings(rule, "actions", at, r.actions);
          read_ids(rule, "targetEntities", at, Store::Entities, r.targets);
          read_ids(rule, "targetApis", at, Store::Apis, r.target_apis);
          read_ids(rule, "targetWorkflows", at, Store::Workflows, r.target_workflows);
          read_string(rule, "guard", at, r.guard);
          read_location(rule, at, r.location);
        }
      }
    }
    read_doc_location(v, path, p.doc, p.location);
  }

  void read_workflow(const Json& v, const std::string& path, Workflow& w) {
    if (!object(v, path,
                {"name", "entity", "stateField", "states", "initial", "guards", "transitions",
                 "doc", "location"})) {
      return;
    }
    read_string(v, "name", path, w.name);
    read_id(v, "entity", path, Store::Entities, false, w.entity);
    read_id(v, "stateField", path, Store::Fields, false, w.state_field);
    read_id(v, "states", path, Store::Enums, false, w.states);
    if (const Json* initial = member(v, "initial")) {
      const std::string at = child(path, "initial");
      if (const auto n = unsigned_value(*initial, at, UINT32_MAX)) {
        w.initial = static_cast<std::uint32_t>(*n);
        check_state(w.initial, w.states, at);
      }
    }
    read_strings(v, "guards", path, w.guards);
    if (const Json* transitions = member(v, "transitions")) {
      const std::string transitions_path = child(path, "transitions");
      if (!transitions->is_array()) {
        type_error(transitions_path, "an array", *transitions);
      } else {
        w.transitions.resize(transitions->size());
        for (std::size_t i = 0; i < transitions->size() && !stopped(); ++i) {
          read_transition((*transitions)[i], child(transitions_path, i), w.states,
                          w.transitions[i]);
        }
      }
    }
    read_doc_location(v, path, w.doc, w.location);
  }

  void read_transition(const Json& v, const std::string& path, EnumId states, Transition& t) {
    if (!object(v, path,
                {"from", "to", "trigger", "parameters", "roles", "guard", "emits", "doc",
                 "location"})) {
      return;
    }
    if (const Json* from = member(v, "from")) {
      const std::string from_path = child(path, "from");
      if (!from->is_array()) {
        type_error(from_path, "an array", *from);
      } else {
        for (std::size_t i = 0; i < from->size(); ++i) {
          const std::string at = child(from_path, i);
          if (const auto n = unsigned_value((*from)[i], at, UINT32_MAX)) {
            t.from.push_back(static_cast<std::uint32_t>(*n));
            check_state(t.from.back(), states, at);
          }
        }
      }
    }
    if (const Json* to = member(v, "to")) {
      const std::string at = child(path, "to");
      if (const auto n = unsigned_value(*to, at, UINT32_MAX)) {
        t.to = static_cast<std::uint32_t>(*n);
        check_state(t.to, states, at);
      }
    }
    read_string(v, "trigger", path, t.trigger);
    read_ids(v, "parameters", path, Store::Fields, t.parameters);
    read_ids(v, "roles", path, Store::Roles, t.roles);
    read_string(v, "guard", path, t.guard);
    read_ids(v, "emits", path, Store::Events, t.emits);
    read_doc_location(v, path, t.doc, t.location);
  }

  void read_api(const Json& v, const std::string& path, Api& a) {
    if (!object(v, path, {"name", "basePath", "resources", "operations", "doc", "location"})) {
      return;
    }
    read_string(v, "name", path, a.name);
    read_string(v, "basePath", path, a.base_path);
    if (const Json* resources = member(v, "resources")) {
      const std::string resources_path = child(path, "resources");
      if (!resources->is_array()) {
        type_error(resources_path, "an array", *resources);
      } else {
        a.resources.resize(resources->size());
        for (std::size_t i = 0; i < resources->size() && !stopped(); ++i) {
          const Json& resource = (*resources)[i];
          const std::string at = child(resources_path, i);
          Resource& r = a.resources[i];
          if (!object(resource, at, {"entity", "actions", "workflow", "location"})) continue;
          read_id(resource, "entity", at, Store::Entities, false, r.entity);
          std::vector<std::string> actions;
          read_strings(resource, "actions", at, actions);
          for (std::size_t k = 0; k < actions.size(); ++k) {
            if (const auto action = crud_action_from_name(actions[k])) {
              r.actions.push_back(*action);
            } else {
              error(child(child(at, "actions"), k),
                    fmt::format("unknown resource action {} (expected one of {})",
                                quote(actions[k]), join_words(kResourceActions)));
            }
          }
          read_id(resource, "workflow", at, Store::Workflows, true, r.workflow);
          read_location(resource, at, r.location);
        }
      }
    }
    read_ids(v, "operations", path, Store::Operations, a.operations);
    read_doc_location(v, path, a.doc, a.location);
  }

  void read_operation(const Json& v, const std::string& path, Operation& o) {
    if (!object(v, path,
                {"name", "kind", "api", "entity", "workflow", "transition", "parameters", "result",
                 "method", "path", "roles", "deprecated", "doc", "location"})) {
      return;
    }
    read_string(v, "name", path, o.name);
    read_enum(v, "kind", path, kOperationKinds, "operation kind", o.kind);
    read_id(v, "api", path, Store::Apis, false, o.api);
    read_id(v, "entity", path, Store::Entities, true, o.entity);
    const std::size_t before = count_;
    read_id(v, "workflow", path, Store::Workflows, true, o.workflow);
    const bool workflow_ok = count_ == before && v.contains("workflow");
    if (const Json* transition = member(v, "transition")) {
      const std::string at = child(path, "transition");
      if (transition->is_null()) {
        o.transition = UINT32_MAX;
      } else if (const auto n = unsigned_value(*transition, at, UINT32_MAX - 1)) {
        o.transition = static_cast<std::uint32_t>(*n);
        if (!workflow_ok) {
          // The workflow's problem is already reported.
        } else if (o.workflow.is_none()) {
          error(at, "a transition index needs a workflow (\"workflow\" is null)");
        } else {
          check_transition(o.workflow.index, o.transition, at);
        }
      }
    }
    read_ids(v, "parameters", path, Store::Fields, o.parameters);
    read_id(v, "result", path, Store::Types, true, o.result);
    read_enum(v, "method", path, kMethods, "HTTP method", o.method);
    read_string(v, "path", path, o.path);
    std::vector<RoleId> roles;
    read_ids(v, "roles", path, Store::Roles, roles);
    o.roles = std::move(roles);
    read_optional_string(v, "deprecated", path, o.deprecated);
    std::string doc;
    read_doc_location(v, path, doc, o.location);
    o.doc = std::move(doc);
  }

  void read_intent(const Json& v, const std::string& path, Intent& i) {
    if (!object(v, path, {"kind", "title", "priority", "description", "uses", "doc", "location"})) {
      return;
    }
    read_word(v, "kind", path, kIntentKinds, "intent kind", i.kind);
    read_string(v, "title", path, i.title);
    read_word(v, "priority", path, kPriorities, "priority", i.priority);
    read_string(v, "description", path, i.description);
    read_strings(v, "uses", path, i.uses);
    read_doc_location(v, path, i.doc, i.location);
  }

  void read_target(const Json& v, const std::string& path, Target& t) {
    if (!object(v, path, {"name", "options", "doc", "location"})) return;
    read_string(v, "name", path, t.name);
    if (const Json* options = member(v, "options")) {
      const std::string options_path = child(path, "options");
      if (!options->is_array()) {
        type_error(options_path, "an array", *options);
      } else {
        for (std::size_t i = 0; i < options->size() && !stopped(); ++i) {
          const Json& option = (*options)[i];
          const std::string at = child(options_path, i);
          if (!object(option, at, {"name", "value"})) continue;
          std::string name;
          Value value;
          read_string(option, "name", at, name);
          if (const Json* v = member(option, "value")) read_value(*v, child(at, "value"), 1, value);
          t.options.emplace_back(std::move(name), std::move(value));
        }
      }
    }
    read_doc_location(v, path, t.doc, t.location);
  }

  struct TransitionOwner {
    std::uint32_t workflow;
    std::uint32_t transition;
    std::string path;
  };

  std::vector<std::string>& errors_;
  std::size_t count_ = 0;
  bool failed_ = false;
  std::array<std::size_t, kStores.size()> sizes_{};
  std::vector<TransitionOwner> transition_owners_;
  Module module_;
};

}  // namespace

void write_module_json(std::ostream& out, const Module& module) {
  JsonWriter writer(out);
  write_module(writer, module);
  writer.finish();
}

std::string module_to_json(const Module& module) {
  std::ostringstream out;
  write_module_json(out, module);
  return std::move(out).str();
}

std::optional<Module> module_from_json(std::string_view text, std::vector<std::string>& errors) {
  try {
    return Loader(errors).load(text);
  } catch (const std::exception& e) {
    // Not expected (every access above is checked), but a plugin's bad document must never
    // bring the compiler down.
    errors.push_back(std::string("internal error while reading IR JSON: ") + e.what());
    return std::nullopt;
  }
}

}  // namespace bpc::ir
