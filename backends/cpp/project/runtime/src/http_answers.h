#pragma once

// Writing answers into a cpp-httplib response: JSON, and problem details with their headers.

#include <httplib.h>

#include "bpc/runtime/problem.h"

namespace bpc::runtime {

inline void send_json(httplib::Response& res, int status, const Json& body, const char* type = "application/json") {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), type);
}

inline void send_problem(httplib::Response& res, const HttpProblem& problem) {
  for (const auto& [name, value] : problem.headers()) res.set_header(name, value);
  send_json(res, problem.status(), problem.body(), "application/problem+json");
}

}  // namespace bpc::runtime
