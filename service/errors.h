#pragma once

// The errors the service answers with. The data layer and the handlers throw ApiError; the HTTP
// layer turns it into an RFC 9457 problem+json answer whose `type` ends in `code`, so clients
// branch on a stable code rather than on a message.

#include <stdexcept>
#include <string>

namespace bpc::service {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, std::string detail)
      : std::runtime_error(detail), status_(status), code_(std::move(code)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }

 private:
  int status_;
  std::string code_;
};

inline ApiError not_found(const std::string& what) { return ApiError(404, "not-found", what + " was not found"); }

}  // namespace bpc::service
