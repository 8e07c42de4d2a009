#pragma once

// Writing answers into a cpp-httplib response (JSON, and problem details with their headers),
// and what cpp-httplib does with a request's body.

#include <string>

#include <httplib.h>

#include "bpc/runtime/problem.h"

namespace bpc::runtime {

// Whether cpp-httplib reads the body of a request with this method before routing it (it reads
// none for other methods: such a body would be read as the next request on the connection).
inline bool body_is_read(const std::string& method) { return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE"; }

// Whether the request says it has a body (a length other than 0, or chunks).
inline bool carries_body(const httplib::Request& req) {
  const std::string length = req.get_header_value("Content-Length");
  return (!length.empty() && length != "0") || req.has_header("Transfer-Encoding");
}

inline void send_json(httplib::Response& res, int status, const Json& body, const char* type = "application/json") {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), type);
}

inline void send_problem(httplib::Response& res, const HttpProblem& problem) {
  for (const auto& [name, value] : problem.headers()) res.set_header(name, value);
  send_json(res, problem.status(), problem.body(), "application/problem+json");
}

}  // namespace bpc::runtime
