#pragma once

// The protocol's data as JSON, in one place: every conversion between the server's types
// (positions, ranges, spans, diagnostics) and the messages' JSON is here, so no handler builds a
// Position or reads a `textDocument` field by hand. A request whose parameters do not have the
// shape the protocol says is answered with InvalidParams (ProtocolError), never a crash.

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "frontend/diagnostics/diagnostic.h"
#include "frontend/source/source_manager.h"
#include "frontend/diagnostics/diagnostic.h"
#include "lsp/positions.h"

namespace bpc::lsp {

using Json = nlohmann::json;

// JSON-RPC and LSP error codes.
enum class ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestFailed = -32803,
  RequestCancelled = -32800,
};

class ProtocolError : public std::runtime_error {
 public:
  ProtocolError(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

// Members of request parameters; each throws InvalidParams naming the member when it is missing
// or of the wrong type.
const Json& member(const Json& object, std::string_view name);
std::string string_member(const Json& object, std::string_view name);
std::int64_t integer_member(const Json& object, std::string_view name);
Position position_from_json(const Json& json);
Range range_from_json(const Json& json);
// params.textDocument.uri
std::string document_uri(const Json& params);

Json to_json(const Position& position);
Json to_json(const Range& range);
Json location_json(std::string_view uri, const Range& range);
Json text_edit_json(const Range& range, std::string_view new_text);

// A span of a source manager's files as an LSP location, counted in `encoding`.
Json span_location(const SourceManager& sources, SourceSpan span, PositionEncoding encoding);
Range span_range(const SourceManager& sources, SourceSpan span, PositionEncoding encoding);
std::string file_uri(const SourceManager& sources, FileId file);

// A diagnostic as LSP's Diagnostic: code, severity, source "bpc", the notes after the message,
// secondary labels as related information. A diagnostic without a span is placed at the start
// of whichever file it is published for.
Json diagnostic_json(const SourceManager& sources, const Diagnostic& diagnostic, PositionEncoding encoding);
// Edits of the files (a fix's, a rename's) as a WorkspaceEdit.
Json workspace_edit_json(const SourceManager& sources, std::span<const TextEdit> edits, PositionEncoding encoding);

}  // namespace bpc::lsp
