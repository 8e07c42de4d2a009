#pragma once

// The documents the service publishes about itself, embedded into bpc at build time from
// service/documents/: its OpenAPI 3.1 description (`/v1/openapi.json`) and the JSON Schemas of
// its events (`/v1/event-schemas`).

#include <span>
#include <string_view>

namespace bpc::service {

struct EmbeddedFile {
  std::string_view path;  // relative to service/documents/
  std::string_view contents;
};

std::span<const EmbeddedFile> service_documents();

// The contents of one document, or empty when there is none by that name.
std::string_view service_document(std::string_view path);

}  // namespace bpc::service
