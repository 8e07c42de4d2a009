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

#include "base/decimal.h"
#include "ir/describe.h"
#include "ir/type_interner.h"

namespace bpc::ir {

namespace {

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
  w.string(spelling(kValueKindSpellings, value.kind));
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

template <typename Optional>  // std::optional<Value> or Boxed<Value>
void write_optional_value(JsonWriter& w, const Optional& value) {
  if (value) {
    write_value(w, *value);
  } else {
    w.null();
  }
}

void write_type(JsonWriter& w, const Type& type) {
  w.begin_object();
  w.key("kind");
  w.string(spelling(kTypeKindSpellings, type.kind));
  switch (type.kind) {
    case Type::Kind::Scalar:
      w.key("scalar");
      w.string(spelling(kScalarSpellings, type.scalar));
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

void write_field_owner(JsonWriter& w, const FieldOwner& owner) {
  w.begin_object();
  w.key("kind");
  w.string(spelling(kOwnerKindSpellings, owner.kind));
  if (owner.kind == FieldOwner::Kind::Transition) {
    w.key("workflow");
    write_index(w, owner.workflow);
  }
  w.key("index");
  write_index(w, owner.index);
  w.end_object();
}

// Writes the members of a record node as the description (ir/describe.h) lists them.
class RecordWriter {
 public:
  explicit RecordWriter(JsonWriter& w) : w_(w) {}

  template <typename Record, typename... Context>
  void write(const Record& record, Context... context) {
    w_.begin_object();
    describe(*this, record, context...);
    w_.end_object();
  }

  template <typename Text>
  void text(std::string_view key, const Text& member) {
    w_.key(key);
    w_.string(plain(member));
  }
  void word(std::string_view key, const std::string& member, Words, std::string_view) {
    text(key, member);
  }
  void texts(std::string_view key, const std::vector<std::string>& member) {
    w_.key(key);
    write_strings(w_, member);
  }
  void flag(std::string_view key, bool member) {
    w_.key(key);
    w_.boolean(member);
  }
  void optional_text(std::string_view key, const Boxed<std::string>& member) {
    w_.key(key);
    write_optional_text(w_, member);
  }
  void optional_number(std::string_view key, const Boxed<std::string>& member) {
    optional_text(key, member);
  }
  template <typename Number>
  void optional_count(std::string_view key, const std::optional<Number>& member) {
    w_.key(key);
    write_optional_number(w_, member);
  }
  template <typename E>
  void choice(std::string_view key, E member, Spellings<E> spellings, std::string_view) {
    w_.key(key);
    w_.string(spelling(spellings, member));
  }
  template <typename E>
  void choices(std::string_view key, const std::vector<E>& member, Spellings<E> spellings,
               std::string_view) {
    w_.key(key);
    w_.begin_array();
    for (const E e : member) w_.string(spelling(spellings, e));
    w_.end_array();
  }
  template <typename Tag>
  void reference(std::string_view key, Id<Tag> member, Presence) {
    w_.key(key);
    write_id(w_, member);
  }
  template <typename Ids>
  void references(std::string_view key, const Ids& member) {
    w_.key(key);
    write_ids(w_, plain(member));
  }
  void state(std::string_view key, std::uint32_t member, EnumId) {
    w_.key(key);
    w_.unsigned_integer(member);
  }
  void states(std::string_view key, const std::vector<std::uint32_t>& member, EnumId) {
    w_.key(key);
    w_.begin_array();
    for (const std::uint32_t state : member) w_.unsigned_integer(state);
    w_.end_array();
  }
  void transition(std::string_view key, std::uint32_t member, WorkflowId) {
    w_.key(key);
    write_index(w_, member);
  }
  template <typename Optional>
  void value(std::string_view key, const Optional& member) {
    w_.key(key);
    write_optional_value(w_, member);
  }
  void named_values(std::string_view key,
                    const std::vector<std::pair<std::string, Value>>& member) {
    w_.key(key);
    w_.begin_array();
    for (const auto& [name, item] : member) {
      w_.begin_object();
      w_.key("name");
      w_.string(name);
      w_.key("value");
      write_value(w_, item);
      w_.end_object();
    }
    w_.end_array();
  }
  void owner(std::string_view key, const FieldOwner& member) {
    w_.key(key);
    write_field_owner(w_, member);
  }
  void location(std::string_view key, const Location& member) {
    w_.key(key);
    write_location(w_, member);
  }
  template <typename Record>
  void record(std::string_view key, const Record& member) {
    w_.key(key);
    write(plain(member));
  }
  template <typename Records, typename... Context>
  void records(std::string_view key, const Records& member, Context... context) {
    w_.key(key);
    w_.begin_array();
    for (const auto& item : member) write(item, context...);
    w_.end_array();
  }

 private:
  JsonWriter& w_;
};

void write_module(JsonWriter& w, const Module& m) {
  RecordWriter records(w);
  w.begin_object();
  w.key("format");
  w.string(kIrJsonFormat);
  w.key("version");
  w.integer(kIrJsonVersion);
  w.key("files");
  write_strings(w, m.files);
  records.record("header", m.header);
  w.key("types");
  w.begin_array();
  for (const Type& type : m.types) write_type(w, type);
  w.end_array();
  for_each_record_store(m, [&](Store store, const auto& nodes) {
    records.records(store_info(store).key, nodes);
  });
  w.end_object();
}

// ---- loader ------------------------------------------------------------------------------------

using Json = nlohmann::json;

using Keys = std::initializer_list<std::string_view>;

std::string quote(std::string_view text) {
  return Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string describe_json(const Json& value) {
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
      error("", "expected an object, found " + describe_json(root));
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
        error(child("", kStores[i].key), "expected an array, found " + describe_json(*it));
      } else {
        sizes_[i] = it->size();
      }
    }
    if (failed_) return std::nullopt;

    read_strings(root, "files", "", module_.files);
    RecordReader(*this, root, "").record("header", module_.header);
    read_types(root.at("types"));
    for_each_record_store(module_, [&](Store store, auto& nodes) {
      RecordReader(*this, root, "").records(store_info(store).key, nodes);
    });
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
    error(path, fmt::format("expected {}, found {}", expected, describe_json(found)));
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
                                                       : describe_json(*format)));
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
    const StoreInfo& s = store_info(store);
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

  void read_location(const Json& object, std::string_view key, const std::string& path,
                     Location& out) {
    const Json* v = member(object, key);
    if (v == nullptr) return;
    const std::string at = child(path, key);
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
    read_enum(v, "kind", path, kValueKindSpellings, "value kind", out.kind);
    if (count_ != before) return false;
    const std::string_view kind_name = spelling(kValueKindSpellings, out.kind);
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

  // ---- records, as the description (ir/describe.h) lists their members ----

  // The keys of a record, in the order of the description.
  template <typename Record, typename... Context>
  static const std::vector<std::string_view>& keys_of() {
    static const std::vector<std::string_view> keys = [] {
      std::vector<std::string_view> collected;
      auto collector = every_member([&collected](std::string_view key) { collected.push_back(key); });
      const Record record{};
      describe(collector, record, Context{}...);
      return collected;
    }();
    return keys;
  }

  // Reads the members of one JSON object into a record node.
  class RecordReader {
   public:
    RecordReader(Loader& loader, const Json& object, const std::string& path)
        : l_(loader), object_(object), path_(path) {}

    void text(std::string_view key, std::string& member) { l_.read_string(object_, key, path_, member); }
    void text(std::string_view key, Sparse<std::string>& member) {
      std::string text;
      l_.read_string(object_, key, path_, text);
      member = std::move(text);
    }
    void word(std::string_view key, std::string& member, Words words, std::string_view what) {
      l_.read_word(object_, key, path_, words, what, member);
    }
    void texts(std::string_view key, std::vector<std::string>& member) {
      l_.read_strings(object_, key, path_, member);
    }
    void flag(std::string_view key, bool& member) { l_.read_bool(object_, key, path_, member); }
    void optional_text(std::string_view key, Boxed<std::string>& member) {
      l_.read_optional_string(object_, key, path_, member);
    }
    void optional_number(std::string_view key, Boxed<std::string>& member) {
      l_.read_optional_number(object_, key, path_, member);
    }
    template <typename Number>
    void optional_count(std::string_view key, std::optional<Number>& member) {
      l_.read_optional_unsigned(object_, key, path_, member);
    }
    template <typename E>
    void choice(std::string_view key, E& member, Spellings<E> spellings, std::string_view what) {
      l_.read_enum(object_, key, path_, spellings, what, member);
    }
    template <typename E>
    void choices(std::string_view key, std::vector<E>& member, Spellings<E> spellings,
                 std::string_view what) {
      std::vector<std::string> words;
      l_.read_strings(object_, key, path_, words);
      for (std::size_t k = 0; k < words.size(); ++k) {
        const auto known = std::find_if(spellings.begin(), spellings.end(),
                                        [&](const auto& entry) { return entry.first == words[k]; });
        if (known != spellings.end()) {
          member.push_back(known->second);
          continue;
        }
        std::string expected;
        for (const auto& entry : spellings) expected += (expected.empty() ? "" : ", ") + std::string(entry.first);
        l_.error(child(child(path_, key), k),
                 fmt::format("unknown {} {} (expected one of {})", what, quote(words[k]), expected));
      }
    }
    template <typename Tag>
    void reference(std::string_view key, Id<Tag>& member, Presence presence) {
      const std::size_t before = l_.count_;
      l_.read_id(object_, key, path_, store_of<Id<Tag>>(), presence == Presence::Nullable, member);
      if (store_of<Id<Tag>>() == Store::Workflows) workflow_unreadable_ = l_.count_ != before || !object_.contains(key);
    }
    template <typename Tag>
    void references(std::string_view key, std::vector<Id<Tag>>& member) {
      l_.read_ids(object_, key, path_, store_of<Id<Tag>>(), member);
    }
    template <typename Tag>
    void references(std::string_view key, Sparse<std::vector<Id<Tag>>>& member) {
      std::vector<Id<Tag>> ids;
      references(key, ids);
      member = std::move(ids);
    }
    void state(std::string_view key, std::uint32_t& member, EnumId states) {
      const Json* v = member_of(key);
      if (v == nullptr) return;
      const std::string at = child(path_, key);
      if (const auto n = l_.unsigned_value(*v, at, UINT32_MAX)) {
        member = static_cast<std::uint32_t>(*n);
        l_.check_state(member, states, at);
      }
    }
    void states(std::string_view key, std::vector<std::uint32_t>& member, EnumId states) {
      const Json* v = member_of(key);
      if (v == nullptr) return;
      const std::string list_path = child(path_, key);
      if (!v->is_array()) return l_.type_error(list_path, "an array", *v);
      for (std::size_t i = 0; i < v->size(); ++i) {
        const std::string at = child(list_path, i);
        if (const auto n = l_.unsigned_value((*v)[i], at, UINT32_MAX)) {
          member.push_back(static_cast<std::uint32_t>(*n));
          l_.check_state(member.back(), states, at);
        }
      }
    }
    // After the workflow reference it indexes (the description lists that first).
    void transition(std::string_view key, std::uint32_t& member, WorkflowId workflow) {
      const Json* v = member_of(key);
      if (v == nullptr) return;
      const std::string at = child(path_, key);
      if (v->is_null()) {
        member = UINT32_MAX;
      } else if (const auto n = l_.unsigned_value(*v, at, UINT32_MAX - 1)) {
        member = static_cast<std::uint32_t>(*n);
        if (workflow_unreadable_) {
          // The workflow's problem is already reported.
        } else if (workflow.is_none()) {
          l_.error(at, "a transition index needs a workflow (\"workflow\" is null)");
        } else {
          l_.check_transition(workflow.index, member, at);
        }
      }
    }
    template <typename Optional>
    void value(std::string_view key, Optional& member) {
      l_.read_optional_value(object_, key, path_, member);
    }
    void named_values(std::string_view key, std::vector<std::pair<std::string, Value>>& member) {
      const Json* list = member_of(key);
      if (list == nullptr) return;
      const std::string list_path = child(path_, key);
      if (!list->is_array()) return l_.type_error(list_path, "an array", *list);
      for (std::size_t i = 0; i < list->size() && !l_.stopped(); ++i) {
        const Json& entry = (*list)[i];
        const std::string at = child(list_path, i);
        if (!l_.object(entry, at, {"name", "value"})) continue;
        std::string name;
        Value value;
        l_.read_string(entry, "name", at, name);
        if (const Json* v = Loader::member(entry, "value")) l_.read_value(*v, child(at, "value"), 1, value);
        member.emplace_back(std::move(name), std::move(value));
      }
    }
    void owner(std::string_view key, FieldOwner& member) { l_.read_owner(object_, key, path_, member); }
    void location(std::string_view key, Location& member) {
      l_.read_location(object_, key, path_, member);
    }
    template <typename Record>
    void record(std::string_view key, Record& member) {
      const Json* v = member_of(key);
      if (v != nullptr) read(*v, child(path_, key), member);
    }
    template <typename Record>
    void record(std::string_view key, Sparse<Record>& member) {
      Record plain_record;
      record(key, plain_record);
      member = std::move(plain_record);  // kept on the heap only when not the default
    }
    template <typename Records, typename... Context>
    void records(std::string_view key, Records& member, Context... context) {
      const Json* list = member_of(key);
      if (list == nullptr) return;
      const std::string list_path = child(path_, key);
      if (!list->is_array()) return l_.type_error(list_path, "an array", *list);
      member.resize(list->size());
      for (std::size_t i = 0; i < list->size() && !l_.stopped(); ++i) {
        read((*list)[i], child(list_path, i), member[i], context...);
      }
    }

   private:
    const Json* member_of(std::string_view key) const { return member(object_, key); }

    template <typename Record, typename... Context>
    void read(const Json& v, const std::string& path, Record& out, Context... context) {
      if (!l_.object_keys(v, path, keys_of<Record, Context...>(), "")) return;
      RecordReader nested(l_, v, path);
      describe(nested, out, context...);
    }

    Loader& l_;
    const Json& object_;
    const std::string& path_;
    bool workflow_unreadable_ = false;
  };

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
    read_enum(v, "kind", path, kTypeKindSpellings, "type kind", t.kind);
    if (count_ != before) return;
    const std::string_view kind = spelling(kTypeKindSpellings, t.kind);
    depth[i] = 1;
    switch (t.kind) {
      case Type::Kind::Scalar:
        object_keys(v, path, {"kind", "scalar"}, kind);
        read_enum(v, "scalar", path, kScalarSpellings, "scalar type", t.scalar);
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

  void read_owner(const Json& object, std::string_view key, const std::string& path,
                  FieldOwner& out) {
    const Json* v = member(object, key);
    if (v == nullptr) return;
    const std::string at = child(path, key);
    if (!v->is_object()) return type_error(at, "an object", *v);
    if (!v->contains("kind")) return error(at, "missing key \"kind\"");
    const std::size_t before = count_;
    read_enum(*v, "kind", at, kOwnerKindSpellings, "owner kind", out.kind);
    if (count_ != before) return;
    const std::string_view kind = spelling(kOwnerKindSpellings, out.kind);
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
