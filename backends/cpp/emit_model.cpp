// include/<ns>/model.h and src/model.cpp: the typed model hand-written code works with — an
// `enum class` per enum, a struct per struct and per entity (its stored fields; a reference as
// the id it holds) — and its JSON mapping (`to_json`/`from_json`, found by nlohmann::json through
// ADL), which reads and writes the wire names.

#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "backends/cpp/emitters.h"

namespace bpc::backends::cpp {

namespace {

std::string doc(std::string_view text, std::string_view indent = "") {
  const std::string comment = doc_comment(text, Target::Cpp);
  if (comment.empty()) return "";
  std::string out;
  std::size_t start = 0;
  while (start < comment.size()) {
    const std::size_t end = comment.find('\n', start);
    out += std::string(indent) + comment.substr(start, end == std::string::npos ? std::string::npos : end - start) + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

class ModelWriter {
 public:
  explicit ModelWriter(const CppContext& ctx) : ctx_(ctx), m_(ctx.module()) {}

  void write(OutputDirectory& out) {
    order_structs();
    header_ += kGeneratedHeader;
    header_ += fmt::format(R"(#pragma once

// The typed model of {0}: enums, structs and entity records as C++ types, with their JSON
// mapping (the wire names). Requests are checked against the descriptors (descriptors.h) before
// any of these is read from them.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bpc/runtime/typed.h"

namespace {1} {{

using Json = bpc::runtime::Json;
)",
                           m_.header.name.empty() ? "the blueprint" : m_.header.name, ctx_.ns());
    source_ += kGeneratedHeader;
    source_ += fmt::format("#include \"{dir}/model.h\"\n\n#include <stdexcept>\n\nnamespace {0} {{\n\nusing bpc::runtime::read_member;\nusing bpc::runtime::write_member;\n",
                           ctx_.ns(), fmt::arg("dir", ctx_.include_dir()));
    for (std::uint32_t i = 0; i < m_.enums.size(); ++i) enumeration(i);
    for (std::uint32_t i : struct_order_) record(ctx_.type_name("struct", i), m_.structs[i].doc, m_.structs[i].fields);
    for (std::uint32_t i = 0; i < m_.entities.size(); ++i) {
      record(ctx_.type_name("entity", i), *m_.entities[i].doc, ctx_.service().stored_fields(ir::EntityId{i}));
    }
    header_ += fmt::format("\n}}  // namespace {}\n", ctx_.ns());
    source_ += fmt::format("\n}}  // namespace {}\n", ctx_.ns());
    out.add(fmt::format("include/{}/model.h", ctx_.include_dir()), std::move(header_));
    out.add("src/model.cpp", std::move(source_));
  }

 private:
  void enumeration(std::uint32_t i) {
    const ir::Enum& e = m_.enums[i];
    const std::string& name = ctx_.type_name("enum", i);
    std::vector<std::string> enumerators;
    for (const ir::EnumValue& v : e.values) enumerators.push_back(ctx_.enumerator(i, v.name));
    header_ += fmt::format("\n{}enum class {} {{\n  {}\n}};\nvoid to_json(Json& json, const {}& value);\nvoid from_json(const Json& json, {}& value);\n",
                           doc(e.doc), name, fmt::join(enumerators, ",\n  "), name, name);
    std::string to_cases;
    std::string from_cases;
    for (const ir::EnumValue& v : e.values) {
      const std::string wire = CppContext::string(ir::wire_name(v));
      to_cases += fmt::format("    case {}::{}: json = {}; return;\n", name, ctx_.enumerator(i, v.name), wire);
      from_cases += fmt::format("  if (text == {}) {{\n    value = {}::{};\n    return;\n  }}\n", wire, name, ctx_.enumerator(i, v.name));
    }
    source_ += fmt::format(R"(
void to_json(Json& json, const {0}& value) {{
  switch (value) {{
{1}  }}
  json = nullptr;
}}

void from_json(const Json& json, {0}& value) {{
  const auto& text = json.get_ref<const std::string&>();
{2}  throw std::invalid_argument("not a value of {3}: " + text);
}}
)",
                           name, to_cases, from_cases, name);
  }

  void record(const std::string& name, const std::string& text, const std::vector<ir::FieldId>& fields) {
    std::string members;
    std::string writes;
    std::string reads;
    for (ir::FieldId f : fields) {
      const ir::Field& field = m_.field(f);
      const std::string& member = ctx_.field_name(f);
      const std::string wire = CppContext::string(field.name);
      members += doc(*field.doc, "  ") + fmt::format("  {} {}{{}};\n", ctx_.cpp_type(field.type), member);
      writes += fmt::format("  write_member(json, {}, value.{});\n", wire, member);
      reads += fmt::format("  read_member(json, {}, value.{});\n", wire, member);
    }
    header_ += fmt::format(R"(
{0}struct {1} {{
{2}
  friend bool operator==(const {1}&, const {1}&) = default;
}};
void to_json(Json& json, const {1}& value);
void from_json(const Json& json, {1}& value);
)",
                           doc(text), name, members);
    source_ += fmt::format(R"(
void to_json(Json& json, const {0}& value) {{
  json = Json::object();
{1}}}

void from_json(const Json& json, {0}& value) {{
{2}}}
)",
                           name, writes, fields.empty() ? "  (void)json;\n  (void)value;\n" : reads);
  }

  // Structs in dependency order: a struct's members must be complete types. A struct that
  // contains itself (through optional fields, lists or maps) is refused, as in TypeScript.
  void order_structs() {
    std::vector<int> state(m_.structs.size(), 0);  // 0 unvisited, 1 on the stack, 2 ordered
    struct Frame {
      std::uint32_t index;
      std::size_t next_field;
    };
    for (std::uint32_t root = 0; root < m_.structs.size(); ++root) {
      if (state[root] != 0) continue;
      std::vector<Frame> stack{{root, 0}};
      state[root] = 1;
      while (!stack.empty()) {
        Frame& top = stack.back();
        const ir::Struct& s = m_.structs[top.index];
        if (top.next_field == s.fields.size()) {
          state[top.index] = 2;
          struct_order_.push_back(top.index);
          stack.pop_back();
          continue;
        }
        const ir::FieldId f = s.fields[top.next_field++];
        for (std::uint32_t used : structs_in(m_.field(f).type)) {
          if (state[used] == 1) {
            throw BackendLimitation(fmt::format("the cpp backend cannot write struct `{}`: it contains itself", m_.structs[used].name));
          }
          if (state[used] == 0) {
            state[used] = 1;
            stack.push_back({used, 0});
            break;
          }
        }
      }
    }
  }

  std::vector<std::uint32_t> structs_in(ir::TypeId id) const {
    std::vector<std::uint32_t> out;
    for (ir::TypeId at = id;;) {
      const ir::Type& type = m_.type(at);
      if (type.kind == ir::Type::Kind::Alias) {
        at = m_.aliases[type.declaration].target;
      } else if (type.kind == ir::Type::Kind::Optional || type.kind == ir::Type::Kind::List || type.kind == ir::Type::Kind::Map) {
        at = type.element;
      } else {
        if (type.kind == ir::Type::Kind::Struct) out.push_back(type.declaration);
        return out;
      }
    }
  }

  const CppContext& ctx_;
  const ir::Module& m_;
  std::vector<std::uint32_t> struct_order_;
  std::string header_;
  std::string source_;
};

}  // namespace

void emit_model(const CppContext& ctx, OutputDirectory& out) { ModelWriter(ctx).write(out); }

}  // namespace bpc::backends::cpp
