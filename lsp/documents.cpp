#include "lsp/documents.h"

#include "lsp/uri.h"

namespace bpc::lsp {

const Document& DocumentStore::open(std::string uri, std::int64_t version, std::string text) {
  Document document{uri, uri_to_path(uri), version, std::move(text)};
  return documents_.insert_or_assign(std::move(uri), std::move(document)).first->second;
}

bool DocumentStore::change(const std::string& uri, std::int64_t version, const std::vector<ContentChange>& changes,
                           PositionEncoding encoding) {
  const auto found = documents_.find(uri);
  if (found == documents_.end()) return false;
  Document& document = found->second;
  for (const ContentChange& change : changes) {
    if (!change.range) {
      document.text = change.text;
      continue;
    }
    // Positions refer to the text as the earlier changes left it.
    const SourceFile current(document.path, document.text);
    const PositionMapper mapper(current, encoding);
    const std::uint32_t begin = mapper.offset(change.range->start);
    const std::uint32_t end = std::max(begin, mapper.offset(change.range->end));
    document.text.replace(begin, end - begin, change.text);
  }
  document.version = version;
  return true;
}

void DocumentStore::close(const std::string& uri) { documents_.erase(uri); }

const Document* DocumentStore::find(const std::string& uri) const {
  const auto found = documents_.find(uri);
  return found == documents_.end() ? nullptr : &found->second;
}

const Document* DocumentStore::find_by_path(const std::string& path) const {
  for (const auto& [uri, document] : documents_) {
    if (document.path == path) return &document;
  }
  return nullptr;
}

}  // namespace bpc::lsp
