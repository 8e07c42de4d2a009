#pragma once

// A value written in a blueprint (a default) as JSON, the way it travels on the wire: decimals as
// strings, enum values by their wire names, lists and structs member by member. JSON Schema
// documents give it as `default`; relational stores write it into JSON columns.

#include <nlohmann/json.hpp>

#include "ir/ir.h"

namespace bpc::backends {

// A number's spelling as a JSON number (the spelling itself, as a string, if JSON cannot hold it).
nlohmann::json json_number(const std::string& spelling);

// `base` is the value's type with aliases and optionality taken off.
nlohmann::json wire_json(const ir::Module& module, const ir::Value& value, const ir::Type& base);

}  // namespace bpc::backends
