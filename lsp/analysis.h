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
//
// Projects (driver/project.h): the nearest `bpc.json` above a root file sets its import roots,
// import paths and targets, as for `bpc check`; without one the workspace folders are the import
// roots. While a file of a project is open, every one of the project's `sources` is a unit too, so
// the whole project is checked and a module opened alone is folded into the program that imports
// it. Project files are read through the overlay (an unsaved bpc.json counts); their problems are
// kept with them for the server to publish. Any change to a project file reloads every project.

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
#include "driver/project.h"
#include "driver/workspace.h"

namespace bpc::lsp {

struct AnalysisSettings {
  std::vector<std::string> import_roots;  // where imports may lead (the workspace folders); empty: the default
  std::vector<std::string> search_paths;  // where imports not beside their importer are looked for
};

// A project file as last read, with its problems.
struct ProjectState {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  driver::Project project;
};

struct Unit {
  std::string root;
  std::string project;          // the project file that governs the root, or empty
  bool project_source = false;  // a unit because its project lists it among `sources`
  std::unique_ptr<driver::Workspace> workspace;
  std::shared_ptr<const driver::Compilation> compilation;  // the latest complete one
  std::set<std::string, std::less<>> files;                 // the paths of its program
  bool dirty = true;

  // The FileId of one of the unit's files in its compilation, or none.
  FileId file_id(std::string_view path) const;
};

class Analyzer {
 public:
  explicit Analyzer(const driver::FileSystem& base);

  void set_settings(AnalysisSettings settings);
  // Files on disk may have changed: every unit compiles again.
  void invalidate();
  const driver::FileSystem& files() const { return overlay_; }

  // An editor buffer opened or changed / closed (a blueprint, or a project file).
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
  // The projects the units follow, by project file path.
  const std::map<std::string, std::shared_ptr<const ProjectState>, std::less<>>& projects() const { return projects_; }

 private:
  Unit& add_unit(const std::string& root);
  void compile(Unit& unit, const CancellationToken& token);
  void fold_units();
  // The project that governs `path`, read now if it is not loaded.
  const ProjectState* project_for(std::string_view path);
  // Units for the sources of the projects of the open buffers.
  void add_project_sources();
  // Whether a unit has a reason to stay: an open file, or its project has one.
  bool wanted(const Unit& unit) const;
  // Drops the units that are not wanted (their compilations retire).
  void drop_unwanted_units();

  driver::OverlayFileSystem overlay_;
  AnalysisSettings settings_;
  std::set<std::string, std::less<>> buffers_;  // the open blueprints
  std::map<std::string, std::string, std::less<>> buffer_projects_;  // open blueprint -> its project file, or empty
  std::vector<std::string> known_targets_;
  std::map<std::string, std::shared_ptr<const ProjectState>, std::less<>> projects_;
  bool sources_pending_ = false;  // add_project_sources() has work
  std::map<std::string, std::unique_ptr<Unit>, std::less<>> units_;  // by root
  std::vector<std::shared_ptr<const driver::Compilation>> retired_;
};

}  // namespace bpc::lsp
