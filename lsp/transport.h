#pragma once

// The language server's transport: JSON-RPC 2.0 messages framed by `Content-Length` headers, as
// the Language Server Protocol sends them over standard input and output.
//
// Reading is bounded: a header line longer than kMaxHeaderBytes or a body over kMaxMessageBytes
// is a framing error, reported once, after which the stream is given up (its framing cannot be
// trusted again). Writing is serialised by a lock, so replies and notifications written from
// different threads never interleave.

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>

namespace bpc::lsp {

inline constexpr std::size_t kMaxHeaderBytes = 8 * 1024;
inline constexpr std::size_t kMaxMessageBytes = 256u * 1024u * 1024u;

// Reads one message's body, or nullopt at the end of the stream or on a framing error (then
// `error` says what was wrong; it stays empty at a clean end of stream).
std::optional<std::string> read_message(std::FILE* in, std::string& error);

class MessageWriter {
 public:
  explicit MessageWriter(std::FILE* out) : out_(out) {}
  // Writes one framed message and flushes; false when the stream is gone.
  bool write(const std::string& body);

 private:
  std::FILE* out_;
  std::mutex mutex_;
};

}  // namespace bpc::lsp
