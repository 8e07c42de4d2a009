#pragma once

// What the language server knows about the blueprints being edited: one compilation unit per
// root file, kept up to date as buffers change.
//
// A unit is a root file compiled with everything it imports, through the compilation library
// (driver/compilation.h) over an overlay of the open buffers, with the syntax trees kept and the
// symbol index built. Each unit has a driver::Workspace of its own, so a re-check after an edit
// reuses the parses of every file that did not change.
//
// Which files are roots: an opened file that no unit's program already holds starts a unit of its
// own; a unit whose root another unit imports (and which does not import that one back) is
// folded into it; a unit none of whose files is open any more is dropped. So opening `main.bpl`
// and then a module it imports gives one unit, and diagnostics about the module come from the
// program the module is really part of. A unit is recompiled when one of its files changes, or
// when any buffer opens or closes (an import may now resolve differently).

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/interrupt.h"
#include "driver/compilation.h"
#include "driver/file_system.h"
#include "driver/workspace.h"

namespace bpc::lsp {

struct AnalysisSettings {
  std::vector<std::string> import_roots;  // where imports may lead (the workspace folders); empty: the default
  std::vector<std::string> search_paths;  // where imports not beside their importer are looked for
};

struct Unit {
  std::string root;
  std::unique_ptr<driver::Workspace> workspace;
  std::shared_ptr<const driver::Compilation> compilation;  // the latest complete one
  std::set<std::string, std::less<>> files;                 // the paths of its program
  bool dirty = true;

  // The FileId of one of the unit's files in its compilation, or none.
  FileId file_id(std::string_view path) const;
};

class Analyzer {
 public:
  explicit Analyzer(const driver::FileSystem& base) : overlay_(base) {}

  void set_settings(AnalysisSettings settings);
  // Files on disk may have changed: every unit compiles again.
  void invalidate();
  const driver::FileSystem& files() const { return overlay_; }

  // An editor buffer opened or changed / closed.
  void set_buffer(const std::string& path, std::string text);
  void remove_buffer(const std::string& path);

  bool dirty() const;
  struct Refresh {
    std::vector<const Unit*> compiled;  // the units compiled now, in order
    bool cancelled = false;             // a unit's compilation was cancelled (it stays dirty)
    double milliseconds = 0;
  };
  // Compiles every dirty unit, stopping at the first one `token` cancels.
  Refresh refresh(const CancellationToken& token);

  // The unit that holds `path` (the one rooted at it if there is one), or nullptr.
  const Unit* unit_for(std::string_view path) const;
  // Frees the compilations the last refresh replaced. Freeing a large program takes
  // milliseconds, so the server does it after publishing what the new ones found.
  void release_retired() { retired_.clear(); }
  std::vector<const Unit*> units() const;

 private:
  void compile(Unit& unit, const CancellationToken& token);
  void fold_units();

  driver::OverlayFileSystem overlay_;
  AnalysisSettings settings_;
  std::set<std::string, std::less<>> buffers_;  // the open paths
  std::map<std::string, std::unique_ptr<Unit>, std::less<>> units_;  // by root
  std::vector<std::shared_ptr<const driver::Compilation>> retired_;
};

}  // namespace bpc::lsp
