#include "driver/workspace.h"

#include <algorithm>

namespace bpc::driver {

class Workspace::CachingParse final : public ParsedFileSource {
 public:
  explicit CachingParse(Workspace& workspace) : workspace_(workspace) {}

  ParsedFile parse(const std::string& identity, const std::string& display, std::string text, SourceManager& sources,
                   DiagnosticEngine& diagnostics, const ParseOptions& options) override {
    const auto found = workspace_.entries_.find(identity);
    if (found != workspace_.entries_.end()) {
      Entry& entry = found->second;
      if (entry.source->text() == text && entry.source->path() == display && entry.max_nesting == options.max_nesting) {
        entry.last_used = workspace_.generation_;
        sources.set(entry.file, entry.source);
        for (const Diagnostic& diagnostic : entry.diagnostics) diagnostics.add(diagnostic);
        ++workspace_.last_reuse_.reused;
        return entry.parsed;
      }
    }
    FileId file;
    if (found != workspace_.entries_.end()) {
      file = found->second.file;
    } else {
      // Past every FileId handed out, and past any file this compilation added by itself.
      file = FileId{std::max(workspace_.next_file_, sources.file_count())};
      workspace_.next_file_ = file.index + 1;
    }
    auto source = std::make_shared<const SourceFile>(display, std::move(text));
    sources.set(file, source);
    DiagnosticEngine local;
    ParsedFile parsed = parse_file(sources, file, local, options);
    Entry entry{file, std::move(source), parsed, local.diagnostics(), options.max_nesting, workspace_.generation_};
    workspace_.entries_.insert_or_assign(identity, std::move(entry));
    diagnostics.absorb(std::move(local));
    ++workspace_.last_reuse_.parsed;
    return parsed;
  }

 private:
  Workspace& workspace_;
};

Compilation Workspace::compile(const CompileOptions& options) {
  const std::lock_guard lock(mutex_);
  ++generation_;
  last_reuse_ = Reuse{};
  CachingParse parser(*this);
  // The snapshot starts with an empty slot for every FileId the workspace has handed out, so that
  // FileIds of files this compilation does not read stay out of the way of the ones it adds.
  SourceManager sources;
  if (next_file_ > 0) sources.set(FileId{next_file_ - 1}, nullptr);
  Compilation compilation = driver::compile(files_, options, &parser, std::move(sources));
  for (auto it = entries_.begin(); it != entries_.end();) {
    it = generation_ - it->second.last_used >= kEvictAfter ? entries_.erase(it) : std::next(it);
  }
  return compilation;
}

}  // namespace bpc::driver
