#include "lsp/transport.h"

#include <cctype>
#include <charconv>
#include <string_view>

namespace bpc::lsp {

namespace {

// One header line without its "\r\n" (a bare "\n" is accepted too), or nullopt at the end of the
// stream; `too_long` is set when the line passes kMaxHeaderBytes.
std::optional<std::string> read_header_line(std::FILE* in, bool& too_long) {
  std::string line;
  for (;;) {
    const int c = std::fgetc(in);
    if (c == EOF) return line.empty() ? std::nullopt : std::optional<std::string>(line);
    if (c == '\n') break;
    if (line.size() >= kMaxHeaderBytes) {
      too_long = true;
      return std::nullopt;
    }
    line.push_back(static_cast<char>(c));
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> read_message(std::FILE* in, std::string& error) {
  std::optional<std::size_t> length;
  bool any_header = false;
  for (;;) {
    bool too_long = false;
    const std::optional<std::string> line = read_header_line(in, too_long);
    if (too_long) {
      error = "a header line is longer than " + std::to_string(kMaxHeaderBytes) + " bytes";
      return std::nullopt;
    }
    if (!line) {
      if (any_header) error = "the stream ended inside a message's headers";
      return std::nullopt;
    }
    if (line->empty()) {
      if (!any_header) continue;  // stray blank lines between messages
      break;
    }
    any_header = true;
    const std::size_t colon = line->find(':');
    if (colon == std::string::npos) {
      error = "a header line has no `:`";
      return std::nullopt;
    }
    if (!equals_ignoring_case(std::string_view(*line).substr(0, colon), "Content-Length")) continue;
    std::string_view value = std::string_view(*line).substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    std::size_t parsed = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (ec != std::errc() || end != value.data() + value.size()) {
      error = "Content-Length is not a number";
      return std::nullopt;
    }
    length = parsed;
  }
  if (!length) {
    error = "a message has no Content-Length header";
    return std::nullopt;
  }
  if (*length > kMaxMessageBytes) {
    error = "a message of " + std::to_string(*length) + " bytes is over the limit of " +
            std::to_string(kMaxMessageBytes);
    return std::nullopt;
  }
  std::string body(*length, '\0');
  if (*length > 0 && std::fread(body.data(), 1, *length, in) != *length) {
    error = "the stream ended inside a message's body";
    return std::nullopt;
  }
  return body;
}

bool MessageWriter::write(const std::string& body) {
  const std::string header = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  const std::lock_guard lock(mutex_);
  if (std::fwrite(header.data(), 1, header.size(), out_) != header.size()) return false;
  if (std::fwrite(body.data(), 1, body.size(), out_) != body.size()) return false;
  return std::fflush(out_) == 0;
}

}  // namespace bpc::lsp
