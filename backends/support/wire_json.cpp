#include "backends/support/wire_json.h"

namespace bpc::backends {

nlohmann::json json_number(const std::string& spelling) {
  try {
    nlohmann::json value = nlohmann::json::parse(spelling);
    if (value.is_number()) return value;
  } catch (const nlohmann::json::parse_error&) {
  }
  return spelling;
}

nlohmann::json wire_json(const ir::Module& module, const ir::Value& value, const ir::Type& base) {
  const bool decimal = base.kind == ir::Type::Kind::Scalar && base.scalar == ir::Scalar::Decimal;
  switch (value.kind) {
    case ir::Value::Kind::Null: return nullptr;
    case ir::Value::Kind::Bool: return value.boolean;
    case ir::Value::Kind::Integer:
      if (decimal) return std::to_string(value.integer);
      return value.integer;
    case ir::Value::Kind::Number: return decimal ? nlohmann::json(value.text) : json_number(value.text);
    case ir::Value::Kind::String: return value.text;
    case ir::Value::Kind::Name:  // an enum value: as it travels
      return std::string(base.kind == ir::Type::Kind::Enum ? ir::wire_name(module.enums[base.declaration], value.text)
                                                           : std::string_view(value.text));
    case ir::Value::Kind::List: {
      nlohmann::json items = nlohmann::json::array();
      const ir::Type& element =
          base.kind == ir::Type::Kind::List ? module.type(ir::underlying(module, base.element, true)) : base;
      for (const ir::Value& item : value.items) items.push_back(wire_json(module, item, element));
      return items;
    }
    case ir::Value::Kind::Object: {
      nlohmann::json object = nlohmann::json::object();
      for (const auto& [key, item] : value.entries) object[key] = wire_json(module, item, base);
      return object;
    }
  }
  return nullptr;
}

}  // namespace bpc::backends
