#pragma once

// Document URIs and file paths. The editor names documents by URI; the compiler reads paths.
// `file:` URIs map to absolute paths (percent-decoded; a Windows drive letter keeps its form);
// any other scheme (`untitled:`, a virtual file system) maps to a path under kVirtualRoot that the
// overlay file system holds and the disk never has, and maps back to the same URI.

#include <optional>
#include <string>
#include <string_view>

namespace bpc::lsp {

inline constexpr std::string_view kVirtualRoot = "/.bpc-virtual/";

// The path of a `file:` URI, or nullopt for another scheme or a malformed URI.
std::optional<std::string> file_uri_to_path(std::string_view uri);
// The `file:` URI of an absolute path, percent-encoding what RFC 3986 reserves.
std::string path_to_file_uri(std::string_view path);

// The path a document of any URI is compiled under, and back.
std::string uri_to_path(std::string_view uri);
std::string path_to_uri(std::string_view path);

}  // namespace bpc::lsp
