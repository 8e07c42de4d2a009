#include "bpc/runtime/problem.h"

namespace bpc::runtime {

Json HttpProblem::body() const {
  Json out = Json::object();
  out["type"] = "about:blank";
  out["title"] = title_;
  out["status"] = status_;
  if (!detail_.empty()) out["detail"] = detail_;
  if (!errors_.empty()) {
    Json list = Json::array();
    for (const FieldError& error : errors_) list.push_back(Json{{"field", error.field}, {"message", error.message}});
    out["errors"] = std::move(list);
  }
  return out;
}

HttpProblem bad_request(FieldErrors errors) {
  std::string detail;
  for (const FieldError& error : errors) detail += (detail.empty() ? "" : "; ") + error.field + ": " + error.message;
  return {400, "Invalid request", detail, std::move(errors)};
}

HttpProblem bad_request(std::string detail) { return {400, "Invalid request", std::move(detail)}; }

HttpProblem unauthorized() {
  return {401, "Unauthorized", "a valid bearer token is required", {}, {{"WWW-Authenticate", "Bearer"}}};
}

HttpProblem forbidden() { return {403, "Forbidden", "none of the caller's roles may do this"}; }

HttpProblem not_found(const std::string& what) { return {404, "Not found", what + " does not exist"}; }

HttpProblem conflict(std::string detail, FieldErrors errors) { return {409, "Conflict", std::move(detail), std::move(errors)}; }

HttpProblem unsupported_media_type() { return {415, "Unsupported media type", "the request body must be application/json"}; }

HttpProblem method_not_allowed(const std::string& allowed) {
  return {405, "Method not allowed", "this route serves " + allowed, {}, {{"Allow", allowed}}};
}

HttpProblem not_implemented(const std::string& operation) {
  return {501, "Not implemented", "operation " + operation + " has no implementation yet"};
}

}  // namespace bpc::runtime
