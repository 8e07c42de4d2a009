#include "lsp/server.h"

#include <algorithm>

#include "lsp/features.h"
#include "lsp/uri.h"

namespace bpc::lsp {

namespace {

std::string id_key(const Json& id) { return id.dump(); }

std::vector<std::string> string_array(const Json& json) {
  std::vector<std::string> result;
  if (!json.is_array()) return result;
  for (const Json& item : json) {
    if (item.is_string()) result.push_back(item.get<std::string>());
  }
  return result;
}

}  // namespace

Server::Server(std::FILE* in, std::FILE* out, const driver::FileSystem& files, ServerOptions options)
    : in_(in), writer_(out), options_(options), analyzer_(files) {
  reader_ = std::thread([this] { read_loop(); });
}

Server::~Server() {
  if (reader_.joinable()) reader_.join();
}

void Server::log(const std::string& line) {
  if (options_.log == nullptr) return;
  std::fprintf(options_.log, "%s\n", line.c_str());
  std::fflush(options_.log);
}

void Server::send(const Json& message) {
  if (!writer_.write(message.dump(-1, ' ', false, Json::error_handler_t::replace))) log("the output is gone");
}

void Server::reply(const Json& id, Json result) { send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}); }

void Server::reply_error(const Json& id, ErrorCode code, const std::string& message) {
  send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", static_cast<int>(code)}, {"message", message}}}});
}

void Server::read_loop() {
  for (;;) {
    std::string error;
    std::optional<std::string> body = read_message(in_, error);
    if (!body) {
      if (!error.empty()) log("input: " + error);
      const std::lock_guard lock(mutex_);
      queue_.push_back(Incoming{std::nullopt});
      arrived_.notify_one();
      return;
    }
    Json message = Json::parse(*body, nullptr, false);
    if (message.is_discarded() || !message.is_object()) {
      reply_error(nullptr, ErrorCode::ParseError, "the message is not a JSON object");
      continue;
    }
    const std::lock_guard lock(mutex_);
    const auto method = message.find("method");
    if (method != message.end() && method->is_string()) {
      if (*method == "$/cancelRequest") {
        const auto params = message.find("params");
        if (params != message.end() && params->is_object() && params->contains("id")) {
          const std::string key = id_key((*params)["id"]);
          if (key == running_id_ && running_) running_->cancel();
          cancelled_.insert(key);
        }
        continue;
      }
      if (*method == "textDocument/didChange" && diagnostics_) diagnostics_->cancel();
    }
    queue_.push_back(Incoming{std::move(message)});
    arrived_.notify_one();
  }
}

std::optional<Server::Incoming> Server::next_message(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  if (!arrived_.wait_for(lock, wait, [&] { return !queue_.empty(); })) return std::nullopt;
  Incoming incoming = std::move(queue_.front());
  queue_.pop_front();
  return incoming;
}

int Server::run() {
  constexpr std::chrono::milliseconds kForever{std::chrono::hours(24)};
  while (!exit_) {
    std::chrono::milliseconds wait = kForever;
    if (initialized_ && analyzer_.dirty()) {
      // Adaptive debounce: none while compiling is quick (an edit cancels a compilation in
      // progress anyway), a fraction of its time once it is slow.
      wait = last_compile_ms_ < kSlowCompileMs
                 ? std::chrono::milliseconds(0)
                 : std::min(kMaxDebounce, std::chrono::milliseconds(static_cast<int>(last_compile_ms_ / 4)));
    }
    std::optional<Incoming> incoming = next_message(wait);
    if (!incoming) {
      auto source = std::make_shared<CancellationSource>();
      {
        const std::lock_guard lock(mutex_);
        diagnostics_ = source;
      }
      refresh_and_publish(source->token(), last_changed_path_);
      const std::lock_guard lock(mutex_);
      diagnostics_.reset();
      continue;
    }
    if (!incoming->message) break;  // the input ended
    dispatch(*incoming->message);
  }
  return shutdown_ ? 0 : 1;
}

void Server::dispatch(const Json& message) {
  const auto method_it = message.find("method");
  const auto id_it = message.find("id");
  const bool is_request = id_it != message.end();
  if (method_it == message.end() || !method_it->is_string()) {
    if (is_request && message.find("result") == message.end() && message.find("error") == message.end()) {
      reply_error(*id_it, ErrorCode::InvalidRequest, "a request needs a `method`");
    }
    return;  // a response to a request of ours: none are sent that need one
  }
  const std::string method = method_it->get<std::string>();
  static const Json kNoParams = Json::object();
  const auto params_it = message.find("params");
  const Json& params = params_it == message.end() ? kNoParams : *params_it;

  if (!is_request) {
    try {
      handle_notification(method, params);
    } catch (const std::exception& error) {
      log("notification " + method + " failed: " + error.what());
    }
    return;
  }
  const Json& id = *id_it;
  const std::string key = id_key(id);
  auto source = std::make_shared<CancellationSource>();
  {
    const std::lock_guard lock(mutex_);
    if (cancelled_.erase(key) > 0) {
      reply_error(id, ErrorCode::RequestCancelled, "the request was cancelled");
      return;
    }
    running_id_ = key;
    running_ = source;
  }
  try {
    if (!initialized_ && method != "initialize") {
      throw ProtocolError(ErrorCode::ServerNotInitialized, "the server has not been initialized");
    }
    if (shutdown_) throw ProtocolError(ErrorCode::InvalidRequest, "the server is shutting down");
    reply(id, handle_request(method, params));
  } catch (const ProtocolError& error) {
    reply_error(id, error.code(), error.what());
  } catch (const std::exception& error) {
    log("request " + method + " failed: " + error.what());
    reply_error(id, ErrorCode::InternalError, "internal error in " + method + ": " + error.what());
  }
  const std::lock_guard lock(mutex_);
  running_id_.clear();
  running_.reset();
  cancelled_.erase(key);
}

Json Server::initialize(const Json& params) {
  if (initialized_) throw ProtocolError(ErrorCode::InvalidRequest, "the server is already initialized");
  const Json* encodings = nullptr;
  if (params.contains("capabilities") && params["capabilities"].contains("general") &&
      params["capabilities"]["general"].contains("positionEncodings")) {
    encodings = &params["capabilities"]["general"]["positionEncodings"];
  }
  if (encodings != nullptr && encodings->is_array() &&
      std::find(encodings->begin(), encodings->end(), Json("utf-8")) != encodings->end()) {
    encoding_ = PositionEncoding::Utf8;
  }
  std::vector<std::string> roots;
  if (params.contains("workspaceFolders") && params["workspaceFolders"].is_array()) {
    for (const Json& folder : params["workspaceFolders"]) {
      if (folder.is_object() && folder.contains("uri") && folder["uri"].is_string()) {
        if (auto path = file_uri_to_path(folder["uri"].get<std::string>())) roots.push_back(*path);
      }
    }
  } else if (params.contains("rootUri") && params["rootUri"].is_string()) {
    if (auto path = file_uri_to_path(params["rootUri"].get<std::string>())) roots.push_back(*path);
  }
  settings_.import_roots = roots;
  if (params.contains("initializationOptions")) apply_configuration(params["initializationOptions"]);
  analyzer_.set_settings(settings_);
  initialized_ = true;

  const Json sync = {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}};
  return {
      {"capabilities",
       {{"positionEncoding", encoding_ == PositionEncoding::Utf8 ? "utf-8" : "utf-16"},
        {"textDocumentSync", sync},
        {"hoverProvider", true},
        {"definitionProvider", true},
        {"typeDefinitionProvider", true},
        {"referencesProvider", true},
        {"documentHighlightProvider", true},
        {"renameProvider", {{"prepareProvider", true}}},
        {"completionProvider", {{"triggerCharacters", {"@", ".", ":", "<", "\"", "/"}}}},
        {"signatureHelpProvider", {{"triggerCharacters", {"(", ","}}}},
        {"documentSymbolProvider", true},
        {"workspaceSymbolProvider", true},
        {"foldingRangeProvider", true},
        {"semanticTokensProvider", {{"legend", semantic_tokens_legend()}, {"full", {{"delta", true}}}}},
        {"documentFormattingProvider", true},
        {"documentRangeFormattingProvider", true},
        {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
        {"inlayHintProvider", true},
        {"codeLensProvider", {{"resolveProvider", false}}},
        {"documentLinkProvider", {{"resolveProvider", false}}},
        {"workspace", {{"workspaceFolders", {{"supported", true}, {"changeNotifications", true}}}}}}},
      {"serverInfo", {{"name", "bpc"}, {"version", BPC_VERSION}}},
  };
}

void Server::apply_configuration(const Json& settings) {
  // Either the `bpc` section itself or an object holding it.
  const Json& section = settings.is_object() && settings.contains("bpc") ? settings["bpc"] : settings;
  if (!section.is_object()) return;
  if (section.contains("importPaths")) settings_.search_paths = string_array(section["importPaths"]);
}

FileView Server::view_for(const Json& params) {
  const std::string uri = document_uri(params);
  const std::string path = uri_to_path(uri);
  // Requests see every edit sent before them.
  if (analyzer_.dirty()) {
    CancellationToken token;
    {
      const std::lock_guard lock(mutex_);
      if (running_) token = running_->token();
    }
    if (!refresh_and_publish(token, last_changed_path_)) {
      throw ProtocolError(ErrorCode::RequestCancelled, "the request was cancelled");
    }
  }
  const Unit* unit = analyzer_.unit_for(path);
  if (unit == nullptr) throw ProtocolError(ErrorCode::InvalidParams, "`" + uri + "` is not an open blueprint");
  std::optional<FileView> view = view_of(*unit, path, encoding_);
  if (!view) throw ProtocolError(ErrorCode::RequestFailed, "`" + uri + "` could not be read");
  return *view;
}

Json Server::handle_request(const std::string& method, const Json& params) {
  if (method == "initialize") return initialize(params);
  if (method == "shutdown") {
    shutdown_ = true;
    return nullptr;
  }
  if (method.starts_with("textDocument/") && params.contains("textDocument") &&
      driver::is_project_file(uri_to_path(document_uri(params)))) {
    return project_file_request(method, params);
  }
  if (method == "textDocument/hover") return hover(view_for(params), position_from_json(member(params, "position")));
  if (method == "textDocument/definition") return definition(view_for(params), position_from_json(member(params, "position")));
  if (method == "textDocument/typeDefinition") {
    return type_definition(view_for(params), position_from_json(member(params, "position")));
  }
  if (method == "textDocument/references") {
    const bool include_declaration = params.contains("context") && params["context"].is_object() &&
                                     params["context"].value("includeDeclaration", false);
    return references(view_for(params), position_from_json(member(params, "position")), include_declaration);
  }
  if (method == "textDocument/documentHighlight") {
    return document_highlight(view_for(params), position_from_json(member(params, "position")));
  }
  if (method == "textDocument/prepareRename") return prepare_rename(view_for(params), position_from_json(member(params, "position")));
  if (method == "textDocument/rename") {
    return rename(view_for(params), position_from_json(member(params, "position")), string_member(params, "newName"));
  }
  if (method == "textDocument/completion") return completion(view_for(params), position_from_json(member(params, "position")));
  if (method == "textDocument/signatureHelp") return signature_help(view_for(params), position_from_json(member(params, "position")));
  if (method == "textDocument/documentSymbol") return document_symbols(view_for(params));
  if (method == "workspace/symbol") {
    if (analyzer_.dirty()) refresh_and_publish(CancellationToken(), last_changed_path_);
    return workspace_symbols(analyzer_.units(), string_member(params, "query"), encoding_);
  }
  if (method == "textDocument/foldingRange") return folding_ranges(view_for(params));
  if (method == "textDocument/semanticTokens/full") return semantic_tokens_full(params);
  if (method == "textDocument/semanticTokens/full/delta") return semantic_tokens_delta(params);
  if (method == "textDocument/formatting") return format_document(view_for(params));
  if (method == "textDocument/rangeFormatting") return format_range(view_for(params), range_from_json(member(params, "range")));
  if (method == "textDocument/documentLink") return document_links(view_for(params), settings_.search_paths);
  if (method == "textDocument/inlayHint") return inlay_hints(view_for(params), range_from_json(member(params, "range")));
  if (method == "textDocument/codeLens") return code_lenses(view_for(params), document_uri(params));
  if (method == "textDocument/codeAction") return code_actions(view_for(params), range_from_json(member(params, "range")));
  throw ProtocolError(ErrorCode::MethodNotFound, "bpc lsp does not handle `" + method + "`");
}

Json Server::project_file_request(const std::string& method, const Json& params) {
  if (method != "textDocument/codeAction") return nullptr;  // the editor's JSON support does the rest
  if (analyzer_.dirty()) refresh_and_publish(CancellationToken(), last_changed_path_);
  const auto found = analyzer_.projects().find(uri_to_path(document_uri(params)));
  if (found == analyzer_.projects().end() || found->second->project.source.is_none()) return Json::array();
  const ProjectState& state = *found->second;
  const PositionMapper mapper(state.sources.file(state.project.source), encoding_);
  const Range range = range_from_json(member(params, "range"));
  return quick_fixes(state.sources, state.diagnostics, state.project.source, mapper.offset(range.start),
                     mapper.offset(range.end), encoding_);
}

Json Server::semantic_tokens_full(const Json& params) {
  const FileView view = view_for(params);
  std::vector<std::uint32_t> data = semantic_tokens(view);
  const std::string id = std::to_string(next_result_id_++);
  Json result = {{"resultId", id}, {"data", data}};
  semantic_results_[document_uri(params)] = {id, std::move(data)};
  return result;
}

Json Server::semantic_tokens_delta(const Json& params) {
  const FileView view = view_for(params);
  const std::string uri = document_uri(params);
  const std::string previous_id = string_member(params, "previousResultId");
  std::vector<std::uint32_t> data = semantic_tokens(view);
  const std::string id = std::to_string(next_result_id_++);
  const auto previous = semantic_results_.find(uri);
  Json result;
  if (previous != semantic_results_.end() && previous->second.first == previous_id) {
    result = {{"resultId", id}, {"edits", semantic_tokens_edits(previous->second.second, data)}};
  } else {
    result = {{"resultId", id}, {"data", data}};  // an unknown base: the full result
  }
  semantic_results_[uri] = {id, std::move(data)};
  return result;
}

void Server::handle_notification(const std::string& method, const Json& params) {
  if (method == "exit") {
    exit_ = true;
    return;
  }
  if (!initialized_) return;  // notifications before initialize are dropped
  if (method == "textDocument/didOpen") return did_open(params);
  if (method == "textDocument/didChange") return did_change(params);
  if (method == "textDocument/didClose") return did_close(params);
  if (method == "workspace/didChangeConfiguration") {
    if (params.contains("settings")) apply_configuration(params["settings"]);
    analyzer_.set_settings(settings_);
    return;
  }
  if (method == "workspace/didChangeWatchedFiles" || method == "textDocument/didSave") {
    analyzer_.invalidate();
    return;
  }
  if (method == "workspace/didChangeWorkspaceFolders") {
    const Json& event = member(params, "event");
    for (const Json& folder : event.value("removed", Json::array())) {
      if (auto path = file_uri_to_path(folder.value("uri", ""))) std::erase(settings_.import_roots, *path);
    }
    for (const Json& folder : event.value("added", Json::array())) {
      if (auto path = file_uri_to_path(folder.value("uri", ""))) settings_.import_roots.push_back(*path);
    }
    analyzer_.set_settings(settings_);
  }
  // initialized, $/setTrace and anything else: nothing to do.
}

void Server::did_open(const Json& params) {
  const Json& item = member(params, "textDocument");
  const Document& document =
      documents_.open(string_member(item, "uri"), integer_member(item, "version"), string_member(item, "text"));
  analyzer_.set_buffer(document.path, document.text);
  last_changed_path_ = document.path;
}

void Server::did_change(const Json& params) {
  const std::string uri = document_uri(params);
  const std::int64_t version = integer_member(member(params, "textDocument"), "version");
  std::vector<ContentChange> changes;
  for (const Json& change : member(params, "contentChanges")) {
    ContentChange content{std::nullopt, string_member(change, "text")};
    if (change.contains("range")) content.range = range_from_json(change["range"]);
    changes.push_back(std::move(content));
  }
  if (!documents_.change(uri, version, changes, encoding_)) return;
  const Document& document = *documents_.find(uri);
  analyzer_.set_buffer(document.path, document.text);
  last_changed_path_ = document.path;
}

void Server::did_close(const Json& params) {
  const std::string uri = document_uri(params);
  const Document* document = documents_.find(uri);
  if (document == nullptr) return;
  analyzer_.remove_buffer(document->path);
  semantic_results_.erase(uri);
  documents_.close(uri);
  // A closed file's diagnostics go away unless a unit still holds it (then the next compile
  // publishes what it finds on disk).
  const std::string path = uri_to_path(uri);
  if (analyzer_.unit_for(path) == nullptr && !driver::is_project_file(path)) publish(path, Json::array(), true);
  if (!analyzer_.dirty()) clear_orphaned_diagnostics();
}

void Server::clear_orphaned_diagnostics() {
  for (auto it = published_.begin(); it != published_.end();) {
    if (analyzer_.unit_for(it->first) != nullptr || analyzer_.projects().contains(it->first)) {
      ++it;
      continue;
    }
    send({{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"},
          {"params", {{"uri", path_to_uri(it->first)}, {"diagnostics", Json::array()}}}});
    it = published_.erase(it);
  }
}

bool Server::refresh_and_publish(const CancellationToken& token, const std::string& changed_path) {
  const Analyzer::Refresh refresh = analyzer_.refresh(token);
  if (!refresh.compiled.empty()) last_compile_ms_ = refresh.milliseconds / static_cast<double>(refresh.compiled.size());
  const auto publish_start = std::chrono::steady_clock::now();
  for (const Unit* unit : refresh.compiled) publish_diagnostics(*unit, changed_path);
  for (const auto& [path, project] : analyzer_.projects()) {
    Json diagnostics = Json::array();
    for (const Diagnostic& diagnostic : project->diagnostics.sorted()) {
      diagnostics.push_back(diagnostic_json(project->sources, diagnostic, encoding_));
    }
    publish(path, std::move(diagnostics), path == changed_path);
  }
  analyzer_.release_retired();  // after publishing: freeing a large program takes milliseconds
  if (options_.log != nullptr && !refresh.compiled.empty()) {
    log("compiled " + std::to_string(refresh.compiled.size()) + " unit(s) in " + std::to_string(refresh.milliseconds) +
        " ms, published in " +
        std::to_string(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - publish_start).count()) +
        " ms" + (refresh.cancelled ? " (cancelled)" : ""));
  }
  if (refresh.cancelled) return false;
  // Files no unit holds any more (their importer closed, an import removed): cleared.
  clear_orphaned_diagnostics();
  return true;
}

void Server::publish_diagnostics(const Unit& unit, const std::string& changed_path) {
  const driver::Compilation& compilation = *unit.compilation;
  std::map<std::uint32_t, Json> by_file;  // FileId index -> diagnostics
  const FileId root = unit.file_id(unit.root);
  for (const Diagnostic& diagnostic : compilation.diagnostics.sorted()) {
    const FileId file = diagnostic.span.file.is_none() ? root : diagnostic.span.file;
    if (file.is_none()) continue;
    Json& list = by_file[file.index];
    if (list.is_null()) list = Json::array();
    list.push_back(diagnostic_json(compilation.sources, diagnostic, encoding_));
  }
  for (const std::string& path : unit.files) {
    if (analyzer_.unit_for(path) != &unit) continue;  // another unit speaks for it
    const FileId file = unit.file_id(path);
    Json diagnostics = Json::array();
    if (!file.is_none()) {
      if (auto found = by_file.find(file.index); found != by_file.end()) diagnostics = std::move(found->second);
    }
    publish(path, std::move(diagnostics), path == changed_path);
  }
}

void Server::publish(const std::string& path, Json diagnostics, bool always) {
  std::string text = diagnostics.dump();
  const auto previous = published_.find(path);
  if (!always && (previous == published_.end() ? diagnostics.empty() : previous->second == text)) return;
  Json params = {{"uri", path_to_uri(path)}, {"diagnostics", std::move(diagnostics)}};
  if (const Document* document = documents_.find_by_path(path)) params["version"] = document->version;
  send({{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", std::move(params)}});
  if (text == "[]") {
    published_.erase(path);
  } else {
    published_[path] = std::move(text);
  }
}

}  // namespace bpc::lsp
