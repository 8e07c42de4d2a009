#pragma once

// Facts about an operation's HTTP route that every backend serving or describing it needs.

#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.h"

namespace bpc::backends {

// The `{placeholder}` names of a route, in order.
std::vector<std::string> route_placeholders(std::string_view path);

// Whether the method's parameters (those not in the path) travel in a JSON body rather than the
// query string: POST, PUT and PATCH.
bool method_has_body(ir::HttpMethod method);

// `get`, `post`...: the method as OpenAPI keys and Express router methods spell it.
std::string lowercase_method(ir::HttpMethod method);

}  // namespace bpc::backends
