#pragma once

// The documents the editor has open: their text and version, changed by full or incremental
// edits (textDocument/didChange). The store knows nothing of compilation; the server copies each
// document's text into the overlay file system the compilations read.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "lsp/positions.h"

namespace bpc::lsp {

struct Document {
  std::string uri;
  std::string path;  // what the compiler reads it as (lsp/uri.h)
  std::int64_t version = 0;
  std::string text;
};

// One change of a didChange notification: a range and its new text, or the whole new text.
struct ContentChange {
  std::optional<Range> range;
  std::string text;
};

class DocumentStore {
 public:
  const Document& open(std::string uri, std::int64_t version, std::string text);
  // Applies the changes in order; false (and nothing changed) when the document is not open.
  bool change(const std::string& uri, std::int64_t version, const std::vector<ContentChange>& changes,
              PositionEncoding encoding);
  void close(const std::string& uri);

  const Document* find(const std::string& uri) const;
  const Document* find_by_path(const std::string& path) const;
  const std::map<std::string, Document>& all() const { return documents_; }

 private:
  std::map<std::string, Document> documents_;  // by URI
};

}  // namespace bpc::lsp
