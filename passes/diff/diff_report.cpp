#include "passes/diff/diff_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace bpc::diff {

namespace {

using json = nlohmann::ordered_json;

std::string position_text(const Locator& locate, bool is_new, const ir::Location& location) {
  const auto range = locate(is_new, location);
  if (!range || range->file == nullptr) return "-";
  const LineColumn at = range->file->line_column(std::min(range->begin, range->file->size()));
  return fmt::format("{}:{}:{}", range->file->path(), at.line, at.column);
}

json position_json(const SourceFile& file, std::uint32_t offset) {
  offset = std::min(offset, file.size());
  const LineColumn at = file.line_column(offset);
  return {{"offset", offset}, {"line", at.line}, {"column", at.column}};
}

json range_json(const Locator& locate, bool is_new, const ir::Location& location) {
  const auto range = locate(is_new, location);
  if (!range || range->file == nullptr) return nullptr;
  return {{"file", range->file->path()},
          {"start", position_json(*range->file, range->begin)},
          {"end", position_json(*range->file, std::max(range->begin, range->end))}};
}

}  // namespace

std::size_t count_breaking(const std::vector<Change>& changes, Categories selected) {
  std::size_t count = 0;
  for (const Change& change : changes) count += change.breaks.intersects(selected) ? 1 : 0;
  return count;
}

void print_text(std::ostream& out, const std::vector<Change>& changes, Categories selected,
                const Locator& locate) {
  for (const Change& change : changes) {
    const Categories shown = change.breaks & selected;
    const std::string label = shown.empty() ? "change" : fmt::format("BREAKING({})", shown.names());
    out << fmt::format("{} {} [{}]  ({} -> {})\n", label, change.message, info(change.kind).id,
                       position_text(locate, false, change.old_location),
                       position_text(locate, true, change.new_location));
  }
  const std::size_t breaking = count_breaking(changes, selected);
  out << fmt::format("{} change{}, {} breaking (categories {})\n", changes.size(),
                     changes.size() == 1 ? "" : "s", breaking, selected.names());
}

void print_json(std::ostream& out, const std::vector<Change>& changes, Categories selected,
                const Locator& locate) {
  json list = json::array();
  for (const Change& change : changes) {
    list.push_back({{"kind", info(change.kind).id},
                    {"path", change.path},
                    {"message", change.message},
                    {"breaks", change.breaks.list()},
                    {"breaking", change.breaks.intersects(selected)},
                    {"old", range_json(locate, false, change.old_location)},
                    {"new", range_json(locate, true, change.new_location)}});
  }
  const json document = {{"version", 1},
                         {"categories", selected.list()},
                         {"changes", std::move(list)},
                         {"breaking", count_breaking(changes, selected)}};
  out << document.dump(2) << '\n';
}

}  // namespace bpc::diff
