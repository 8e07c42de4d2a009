#include "service/documents.h"

namespace bpc::service {

std::string_view service_document(std::string_view path) {
  for (const EmbeddedFile& file : service_documents()) {
    if (file.path == path) return file.contents;
  }
  return {};
}

}  // namespace bpc::service
