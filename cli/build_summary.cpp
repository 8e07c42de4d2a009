#include "cli/build_summary.h"

#include <fmt/format.h>

namespace bpc::cli {

void print_build_summary(std::ostream& out, std::string_view target, const std::filesystem::path& root,
                         const backends::WriteSummary& summary, const std::vector<std::string>& reports) {
  const std::string_view verb = summary.dry_run ? "would write" : "written";
  const std::string_view removed = summary.dry_run ? "would remove" : "removed";
  out << fmt::format("{}: {} {}, {} unchanged, {} {}", target, summary.written.size(), verb,
                     summary.unchanged.size(), summary.removed.size(), removed);
  if (!summary.kept.empty()) out << fmt::format(", {} kept", summary.kept.size());
  if (!summary.conflicts.empty()) out << fmt::format(", {} conflicts", summary.conflicts.size());
  out << fmt::format(" ({})\n", root.generic_string());
  if (summary.dry_run) {
    for (const std::string& path : summary.written) out << "  write  " << path << "\n";
    for (const std::string& path : summary.removed) out << "  remove " << path << "\n";
  }
  for (const backends::Conflict& conflict : summary.overridden) {
    out << fmt::format("  overridden {}: {}\n", conflict.path, conflict.message);
  }
  for (const backends::OrphanedRegion& region : summary.orphaned) {
    out << fmt::format("  user code `{}` of {} saved to {}\n", region.key, region.path, region.saved_to);
  }
  for (const std::string& line : reports) out << "  " << line << "\n";
}

}  // namespace bpc::cli
