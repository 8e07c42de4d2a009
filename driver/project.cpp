#include "driver/project.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/suggest.h"

namespace bpc::driver {

namespace {

constexpr std::uint64_t kMaxProjectFileBytes = 1 << 20;
constexpr std::size_t kMaxProblems = 50;  // then one BP1110 and no more

constexpr std::array<std::string_view, 6> kSettings = {"$schema", "sources", "importRoots", "importPaths", "targets", "out"};

// The JSON of a project file with where each value and key is. nlohmann/json parses; a counting
// iterator tells where the parser is when it reports each value.
struct Node {
  enum class Kind : std::uint8_t { Object, Array, String, Other };
  Kind kind = Kind::Other;
  std::string text;  // a string's value
  std::uint32_t begin = 0, end = 0;
  struct Member {
    std::string key;
    std::uint32_t key_begin, key_end;
    std::size_t value;
  };
  std::vector<Member> members;     // an object's
  std::vector<std::size_t> items;  // an array's
};

class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* at, std::size_t* consumed) : at_(at), consumed_(consumed) {}
  reference operator*() const { return *at_; }
  CountingIterator& operator++() {
    ++at_;
    ++*consumed_;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator before = *this;
    ++*this;
    return before;
  }
  friend bool operator==(const CountingIterator& a, const CountingIterator& b) { return a.at_ == b.at_; }

 private:
  const char* at_;
  std::size_t* consumed_;
};

bool is_scalar_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '+' || c == '-';
}

class TreeBuilder : public nlohmann::json_sax<nlohmann::json> {
 public:
  TreeBuilder(std::string_view text, const std::size_t& consumed) : text_(text), consumed_(consumed) {}

  std::vector<Node> nodes;
  std::optional<std::pair<std::uint32_t, std::string>> error;

  bool null() override { return scalar(); }
  bool boolean(bool) override { return scalar(); }
  bool number_integer(number_integer_t) override { return scalar(); }
  bool number_unsigned(number_unsigned_t) override { return scalar(); }
  bool number_float(number_float_t, const string_t&) override { return scalar(); }
  bool binary(binary_t&) override { return scalar(); }
  bool string(string_t& value) override {
    const auto [begin, end] = string_span();
    Node node{Node::Kind::String, value, begin, end, {}, {}};
    return add(std::move(node));
  }
  bool start_object(std::size_t) override { return open(Node::Kind::Object); }
  bool start_array(std::size_t) override { return open(Node::Kind::Array); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& value) override {
    const auto [begin, end] = string_span();
    pending_key_ = Node::Member{value, begin, end, 0};
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& failure) override {
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..." -> "syntax error ..."
    std::string message = failure.what();
    if (const std::size_t column = message.find("column "); column != std::string::npos) {
      if (const std::size_t colon = message.find(": ", column); colon != std::string::npos) message.erase(0, colon + 2);
    }
    const auto at = static_cast<std::uint32_t>(std::min(position == 0 ? 0 : position - 1, text_.size()));
    error = {at, std::move(message)};
    return false;
  }

 private:
  // The span of the string token the parser has just read (it ends at the closing quote).
  std::pair<std::uint32_t, std::uint32_t> string_span() const {
    const std::size_t end = std::min(consumed_, text_.size());
    std::size_t begin = end >= 2 ? end - 2 : 0;
    while (begin > 0) {
      if (text_[begin] == '"') {
        std::size_t backslashes = 0;
        while (begin > backslashes && text_[begin - 1 - backslashes] == '\\') ++backslashes;
        if (backslashes % 2 == 0) break;
      }
      --begin;
    }
    return {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
  }

  // A number or literal: the parser may have read one character past it.
  bool scalar() {
    std::size_t end = std::min(consumed_, text_.size());
    while (end > 0 && !is_scalar_char(text_[end - 1])) --end;
    std::size_t begin = end;
    while (begin > 0 && is_scalar_char(text_[begin - 1])) --begin;
    return add(Node{Node::Kind::Other, {}, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end), {}, {}});
  }

  bool open(Node::Kind kind) {
    const auto begin = static_cast<std::uint32_t>(consumed_ == 0 ? 0 : consumed_ - 1);
    if (!add(Node{kind, {}, begin, begin + 1, {}, {}})) return false;
    open_.push_back(nodes.size() - 1);
    return true;
  }

  bool close() {
    nodes[open_.back()].end = static_cast<std::uint32_t>(std::min(consumed_, text_.size()));
    open_.pop_back();
    return true;
  }

  bool add(Node node) {
    nodes.push_back(std::move(node));
    const std::size_t index = nodes.size() - 1;
    if (open_.empty()) return true;
    Node& parent = nodes[open_.back()];
    if (parent.kind == Node::Kind::Object) {
      pending_key_.value = index;
      parent.members.push_back(std::move(pending_key_));
    } else {
      parent.items.push_back(index);
    }
    return true;
  }

  std::string_view text_;
  const std::size_t& consumed_;
  std::vector<std::size_t> open_;
  Node::Member pending_key_{};
};

std::string code_name(std::string_view name) { return fmt::format("`{}`", name); }

class ProjectReader {
 public:
  ProjectReader(const FileSystem& files, Project& project, const std::vector<std::string>& known_targets,
                DiagnosticEngine& diagnostics, std::string_view text, const std::vector<Node>& nodes)
      : files_(files), project_(project), known_targets_(known_targets), diagnostics_(diagnostics), text_(text),
        nodes_(nodes) {}

  void read(const Node& root) {
    if (root.kind != Node::Kind::Object) {
      (void)diagnostics_.report<DiagnosticKind::ProjectSettingType>(span(root), "the project file", "a JSON object")
          .note("for example: { \"sources\": [\"main.bpl\"] }");
      return;
    }
    std::unordered_map<std::string_view, const Node::Member*> seen;  // a hostile file may hold 100,000 keys
    const std::size_t reported_before = diagnostics_.diagnostics().size();
    for (const Node::Member& member : root.members) {
      const Node& value = nodes_[member.value];
      const SourceSpan key_span{project_.source, member.key_begin, member.key_end};
      if (diagnostics_.diagnostics().size() - reported_before >= kMaxProblems) {
        (void)diagnostics_.report<DiagnosticKind::TooManyErrors>(key_span, kMaxProblems);
        return;
      }
      if (const auto [earlier, first] = seen.emplace(member.key, &member); !first) {
        (void)diagnostics_.report<DiagnosticKind::DuplicateProjectSetting>(key_span, member.key)
            .label(SourceSpan{project_.source, earlier->second->key_begin, earlier->second->key_end}, "first given here");
        continue;
      }
      if (member.key == "$schema") {
        if (value.kind != Node::Kind::String) {
          (void)diagnostics_.report<DiagnosticKind::ProjectSettingType>(span(value), code_name(member.key), "a string");
        }
      } else if (member.key == "sources") {
        for (const auto& [path, node] : strings(member, value, true)) {
          if (check_path(*node, "source", path, FileKind::Regular)) project_.sources.push_back(path);
        }
      } else if (member.key == "importRoots") {
        for (const auto& [path, node] : strings(member, value, true)) {
          if (check_path(*node, "import root", path, FileKind::Directory)) project_.import_roots.push_back(path);
        }
      } else if (member.key == "importPaths") {
        for (const auto& [path, node] : strings(member, value, true)) {
          if (check_path(*node, "import path", path, FileKind::Directory)) project_.search_paths.push_back(path);
        }
      } else if (member.key == "targets") {
        read_targets(member, value);
      } else if (member.key == "out") {
        read_out(member, value);
      } else {
        unknown_setting(member, key_span);
      }
    }
  }

 private:
  SourceSpan span(const Node& node) const { return SourceSpan{project_.source, node.begin, node.end}; }

  // The strings of a list setting, made absolute paths when `paths`; values of another kind are
  // reported and skipped.
  std::vector<std::pair<std::string, const Node*>> strings(const Node::Member& member, const Node& value, bool paths) {
    std::vector<std::pair<std::string, const Node*>> result;
    if (value.kind != Node::Kind::Array) {
      auto report = diagnostics_.report<DiagnosticKind::ProjectSettingType>(span(value), code_name(member.key), "a list of strings");
      if (value.kind == Node::Kind::String) {
        report.fix("make it a list", {TextEdit{span(value), fmt::format("[{}]", text_of(value))}});
      }
      return result;
    }
    for (const std::size_t item : value.items) {
      const Node& node = nodes_[item];
      if (node.kind != Node::Kind::String) {
        (void)diagnostics_.report<DiagnosticKind::ProjectSettingType>(span(node), "the entries of " + code_name(member.key), "strings");
        continue;
      }
      result.emplace_back(paths ? absolute(node.text) : node.text, &node);
    }
    return result;
  }

  std::string_view text_of(const Node& node) const { return std::string_view(text_).substr(node.begin, node.end - node.begin); }

  std::string absolute(const std::string& path) const {
    if (!path.empty() && path.front() == '/') return normalize_path(path);
    return normalize_path(project_.directory + "/" + path);
  }

  bool check_path(const Node& node, std::string_view what, const std::string& path, FileKind expected) {
    if (node.text.empty()) {
      (void)diagnostics_.report<DiagnosticKind::ProjectPathProblem>(span(node), what, node.text, "the path is empty");
      return false;
    }
    const ResolveResult resolved = files_.resolve(path);
    if (const auto* failure = std::get_if<FileError>(&resolved)) {
      (void)diagnostics_.report<DiagnosticKind::ProjectPathProblem>(span(node), what, node.text, failure->message)
          .note(fmt::format("paths are taken from the project file's directory, `{}`", project_.directory));
      return false;
    }
    const FileKind kind = std::get<ResolvedPath>(resolved).kind;
    if (kind != expected) {
      (void)diagnostics_.report<DiagnosticKind::ProjectPathProblem>(
          span(node), what, node.text, expected == FileKind::Directory ? "it is not a directory" : "it is not a file");
      return false;
    }
    return true;
  }

  void read_targets(const Node::Member& member, const Node& value) {
    std::vector<std::string_view> candidates(known_targets_.begin(), known_targets_.end());
    for (const auto& [name, node] : strings(member, value, false)) {
      if (name == "all" || std::find(known_targets_.begin(), known_targets_.end(), name) != known_targets_.end()) {
        project_.targets.push_back(name);
        continue;
      }
      auto report = diagnostics_.report<DiagnosticKind::UnknownTarget>(span(*node), name);
      if (const auto suggestion = closest_match(name, candidates)) {
        report.note(fmt::format("did you mean `{}`?", *suggestion))
            .fix(fmt::format("change it to `{}`", *suggestion), {TextEdit{span(*node), fmt::format("\"{}\"", *suggestion)}});
      }
      report.note(fmt::format("targets: {}, or `all`", fmt::join(known_targets_, ", ")));
    }
  }

  void read_out(const Node::Member& member, const Node& value) {
    if (value.kind != Node::Kind::String) {
      (void)diagnostics_.report<DiagnosticKind::ProjectSettingType>(span(value), code_name(member.key), "a string");
      return;
    }
    if (value.text.empty()) {
      (void)diagnostics_.report<DiagnosticKind::ProjectPathProblem>(span(value), "output directory", value.text, "the path is empty");
      return;
    }
    const std::string path = absolute(value.text);
    const ResolveResult resolved = files_.resolve(path);
    if (const auto* found = std::get_if<ResolvedPath>(&resolved); found != nullptr && found->kind != FileKind::Directory) {
      (void)diagnostics_.report<DiagnosticKind::ProjectPathProblem>(span(value), "output directory", value.text,
                                                                    "it is not a directory");
      return;
    }
    project_.out = path;
  }

  void unknown_setting(const Node::Member& member, SourceSpan key_span) {
    auto report = diagnostics_.report<DiagnosticKind::UnknownProjectSetting>(key_span, member.key);
    if (const auto suggestion = closest_match(member.key, kSettings)) {
      report.note(fmt::format("did you mean `{}`?", *suggestion))
          .fix(fmt::format("change it to `{}`", *suggestion), {TextEdit{key_span, fmt::format("\"{}\"", *suggestion)}});
    }
    report.note("settings: sources, importRoots, importPaths, targets, out");
  }

  const FileSystem& files_;
  Project& project_;
  const std::vector<std::string>& known_targets_;
  DiagnosticEngine& diagnostics_;
  std::string_view text_;
  const std::vector<Node>& nodes_;
};

}  // namespace

void Project::apply_to(CompileOptions& options) const {
  options.import_roots.insert(options.import_roots.begin(), import_roots.begin(), import_roots.end());
  options.search_paths.insert(options.search_paths.begin(), search_paths.begin(), search_paths.end());
  if (options.selected_targets.empty()) options.selected_targets = targets;
}

Project load_project(const FileSystem& files, std::string_view path, const std::vector<std::string>& known_targets,
                     SourceManager& sources, DiagnosticEngine& diagnostics) {
  Project project;
  project.file = files.absolute(path);
  project.directory = parent_directory(project.file);
  ReadResult read = files.read(project.file, kMaxProjectFileBytes);
  if (const auto* failure = std::get_if<FileError>(&read)) {
    project.source = FileId::none();
    (void)diagnostics.report<DiagnosticKind::CannotReadFile>(SourceSpan{}, project.file, failure->message);
    return project;
  }
  project.source = sources.add(project.file, std::move(std::get<std::string>(read)));
  const std::string_view text = sources.file(project.source).text();

  std::size_t consumed = 0;
  TreeBuilder builder(text, consumed);
  const CountingIterator first(text.data(), &consumed), last(text.data() + text.size(), &consumed);
  nlohmann::json::sax_parse(first, last, &builder, nlohmann::json::input_format_t::json, true, /*ignore_comments=*/true);
  if (builder.error) {
    (void)diagnostics.report<DiagnosticKind::ProjectFileSyntax>(SourceSpan{project.source, builder.error->first, builder.error->first},
                                                                builder.error->second);
    return project;
  }
  ProjectReader(files, project, known_targets, diagnostics, text, builder.nodes).read(builder.nodes.front());
  return project;
}

std::optional<std::string> find_project_file(const FileSystem& files, std::string_view path) {
  std::string directory = files.absolute(path);
  const ResolveResult resolved = files.resolve(directory);
  if (const auto* found = std::get_if<ResolvedPath>(&resolved); found == nullptr || found->kind != FileKind::Directory) {
    directory = parent_directory(directory);
  }
  for (int depth = 0; depth < 256; ++depth) {
    const std::string candidate = (directory == "/" ? "" : directory) + "/" + std::string(kProjectFileName);
    const ResolveResult at = files.resolve(candidate);
    if (const auto* found = std::get_if<ResolvedPath>(&at); found != nullptr && found->kind == FileKind::Regular) {
      return candidate;
    }
    if (directory == "/") break;
    directory = parent_directory(directory);
  }
  return std::nullopt;
}

bool is_project_file(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return path.substr(slash == std::string_view::npos ? 0 : slash + 1) == kProjectFileName;
}

}  // namespace bpc::driver
