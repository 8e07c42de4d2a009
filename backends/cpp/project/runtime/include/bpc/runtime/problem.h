#pragma once

// Errors a request can end in, answered as RFC 9457 problem details
// (`application/problem+json`): status, title, detail and, for invalid input, the fields.
// Anything that throws an HttpProblem answers it; anything else thrown is a 500.

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "bpc/runtime/values.h"

namespace bpc::runtime {

class HttpProblem : public std::runtime_error {
 public:
  using Headers = std::vector<std::pair<std::string, std::string>>;

  HttpProblem(int status, std::string title, std::string detail, FieldErrors errors = {}, Headers headers = {})
      : std::runtime_error(detail),
        status_(status),
        title_(std::move(title)),
        detail_(std::move(detail)),
        errors_(std::move(errors)),
        headers_(std::move(headers)) {}

  int status() const { return status_; }
  const std::string& title() const { return title_; }
  const FieldErrors& errors() const { return errors_; }
  // Response headers that go with it: `WWW-Authenticate` with a 401, `Allow` with a 405.
  const Headers& headers() const { return headers_; }

  // The problem details object.
  Json body() const;

 private:
  int status_;
  std::string title_;
  std::string detail_;
  FieldErrors errors_;
  Headers headers_;
};

// 400 naming each invalid field.
HttpProblem bad_request(FieldErrors errors);
HttpProblem bad_request(std::string detail);
HttpProblem unauthorized();
HttpProblem forbidden();
// 404 for `what` ("Patient \"7\"").
HttpProblem not_found(const std::string& what);
HttpProblem conflict(std::string detail, FieldErrors errors = {});
HttpProblem unsupported_media_type();
// 405 with the methods the route serves, as `Allow` says them (`GET, POST`).
HttpProblem method_not_allowed(const std::string& allowed);
// 501 for an operation nobody has written yet.
HttpProblem not_implemented(const std::string& operation);

}  // namespace bpc::runtime
