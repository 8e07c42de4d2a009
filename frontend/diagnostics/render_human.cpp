#include <algorithm>
#include <sstream>
#include <string>

#include "frontend/diagnostics/render.h"
#include "base/utf8.h"

namespace bpc {

namespace {

// Lines longer than this are shown as a window around the span.
constexpr std::size_t kMaxShownColumns = 120;

struct Style {
  bool color;
  std::string_view paint(std::string_view code) const { return color ? code : ""; }
  std::string_view reset() const { return color ? "\x1b[0m" : ""; }
};

std::string_view severity_color(Severity severity) {
  switch (severity) {
    case Severity::Error: return "\x1b[1;31m";
    case Severity::Warning: return "\x1b[1;33m";
    case Severity::Note: return "\x1b[1;36m";
  }
  return "";
}
constexpr std::string_view kGutter = "\x1b[1;34m";
constexpr std::string_view kBold = "\x1b[1m";

// A source line as it is displayed: tabs expanded, control characters replaced by their
// Unicode control pictures (so hostile text cannot drive the terminal), one column per code
// point, with the display column of every byte offset.
struct DisplayLine {
  std::string text;
  std::vector<std::uint32_t> column_of_byte;  // size = line bytes + 1
};

DisplayLine display(std::string_view line) {
  DisplayLine result;
  result.column_of_byte.reserve(line.size() + 1);
  std::uint32_t column = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    const auto byte = static_cast<unsigned char>(line[i]);
    std::uint32_t length = 1;
    if (byte == '\t') {
      result.text += "    ";
      result.column_of_byte.push_back(column);
      column += 4;
    } else if (byte < 0x20 || byte == 0x7F) {
      utf8::append(result.text, byte == 0x7F ? U'\u2421' : char32_t(0x2400 + byte));
      result.column_of_byte.push_back(column);
      column += 1;
    } else if (byte >= 0x80 && utf8::sequence_length(line, i) == 0) {
      // Only a file reported as invalid UTF-8 gets here: show each bad byte as U+FFFD.
      utf8::append(result.text, U'\uFFFD');
      result.column_of_byte.push_back(column);
      column += 1;
    } else {
      length = static_cast<std::uint32_t>(utf8::sequence_length(line, i));
      result.text.append(line.substr(i, length));
      for (std::uint32_t k = 0; k < length; ++k) result.column_of_byte.push_back(column);
      column += 1;
    }
    i += length;
  }
  result.column_of_byte.push_back(column);
  return result;
}

// Cuts a displayed line to a window of display columns [from, from + kMaxShownColumns).
std::string window(const DisplayLine& line, std::uint32_t from, std::uint32_t to) {
  std::string out;
  std::size_t byte = 0;
  // Walk the displayed text code point by code point, counting columns (tabs are 4 spaces).
  std::uint32_t column = 0;
  while (byte < line.text.size() && column < to) {
    const std::uint32_t length = utf8::decode(line.text, byte).length;
    if (column >= from) out.append(line.text, byte, length);
    byte += length;
    ++column;
  }
  return out;
}

void print_snippet(std::ostream& out, const SourceFile& file, SourceSpan span, char marker,
                   std::string_view message, Severity severity, std::size_t gutter_width,
                   const Style& style, bool print_line) {
  const std::uint32_t line_index = file.line_index(std::min(span.begin, file.size()));
  const std::string_view line = file.line_text(line_index);
  const DisplayLine shown = display(line);
  const std::uint32_t line_start = file.line_start(line_index);
  const auto column_at = [&](std::uint32_t offset) {
    const std::uint32_t relative = std::min<std::uint32_t>(
        offset > line_start ? offset - line_start : 0, static_cast<std::uint32_t>(line.size()));
    return shown.column_of_byte[relative];
  };
  const std::uint32_t start = column_at(span.begin);
  // A span running past the end of its line is underlined to the end of the line.
  std::uint32_t end = column_at(std::max(span.end, span.begin));
  if (end <= start) end = start + 1;
  const std::uint32_t total = shown.column_of_byte.back();
  std::uint32_t from = 0;
  if (std::max(total, end) > kMaxShownColumns) {
    from = start > 40 ? start - 40 : 0;
  }
  const std::uint32_t to = from + kMaxShownColumns;
  const std::string gutter(gutter_width, ' ');
  if (print_line) {
    const std::string number = std::to_string(line_index + 1);
    const std::size_t padding = gutter_width > number.size() ? gutter_width - number.size() : 0;
    out << style.paint(kGutter) << std::string(padding, ' ') << number
        << " | " << style.reset() << (from > 0 ? "..." : "") << window(shown, from, to)
        << (total > to ? "..." : "") << "\n";
  }
  const std::uint32_t caret_start = std::max(start, from) - from + (from > 0 ? 3 : 0);
  const std::uint32_t caret_end = std::min(end, to) - from + (from > 0 ? 3 : 0);
  out << style.paint(kGutter) << gutter << " | " << style.reset() << std::string(caret_start, ' ')
      << style.paint(marker == '^' ? severity_color(severity) : kGutter)
      << std::string(std::max<std::uint32_t>(caret_end - caret_start, 1), marker);
  if (!message.empty()) out << " " << message;
  out << style.reset() << "\n";
}

void render_one(std::ostream& out, const SourceManager& sources, const Diagnostic& diagnostic,
                const Style& style) {
  const DiagnosticInfo& kind = info(diagnostic.kind);
  out << style.paint(severity_color(diagnostic.severity)) << severity_name(diagnostic.severity)
      << "[" << kind.code << "]" << style.reset() << style.paint(kBold) << ": "
      << diagnostic.message << style.reset() << "\n";
  std::size_t gutter_width = 1;
  if (!diagnostic.span.file.is_none()) {
    const SourceFile& file = sources.file(diagnostic.span.file);
    std::uint32_t last_line = file.line_index(std::min(diagnostic.span.begin, file.size()));
    for (const Label& label : diagnostic.labels) {
      if (label.span.file.is_none()) continue;
      const SourceFile& label_file = sources.file(label.span.file);
      last_line = std::max(last_line, label_file.line_index(std::min(label.span.begin, label_file.size())));
    }
    gutter_width = std::to_string(last_line + 1).size();
    const LineColumn position = file.line_column(std::min(diagnostic.span.begin, file.size()));
    out << std::string(gutter_width, ' ') << style.paint(kGutter) << "--> " << style.reset()
        << file.path() << ":" << position.line << ":" << position.column << "\n";
    out << style.paint(kGutter) << std::string(gutter_width, ' ') << " |" << style.reset()
        << "\n";
    // The primary span and the labels in the same file, in line order; each line once.
    struct Mark {
      SourceSpan span;
      char marker;
      std::string_view message;
    };
    std::vector<Mark> marks{{diagnostic.span, '^', ""}};
    for (const Label& label : diagnostic.labels) {
      if (label.span.file == diagnostic.span.file) marks.push_back({label.span, '-', label.message});
    }
    std::stable_sort(marks.begin(), marks.end(),
                     [](const Mark& a, const Mark& b) { return a.span.begin < b.span.begin; });
    std::uint32_t previous_line = UINT32_MAX;
    for (const Mark& mark : marks) {
      const std::uint32_t line = file.line_index(std::min(mark.span.begin, file.size()));
      print_snippet(out, file, mark.span, mark.marker, mark.message, diagnostic.severity,
                    gutter_width, style, line != previous_line);
      previous_line = line;
    }
    for (const Label& label : diagnostic.labels) {
      if (label.span.file == diagnostic.span.file || label.span.file.is_none()) continue;
      const SourceFile& other = sources.file(label.span.file);
      const LineColumn where = other.line_column(std::min(label.span.begin, other.size()));
      out << std::string(gutter_width, ' ') << style.paint(kGutter) << "::: " << style.reset()
          << other.path() << ":" << where.line << ":" << where.column << "\n";
      print_snippet(out, other, label.span, '-', label.message, diagnostic.severity,
                    gutter_width, style, true);
    }
  }
  const std::string gutter(gutter_width, ' ');
  for (const std::string& note : diagnostic.notes) {
    out << gutter << style.paint(kGutter) << " = " << style.reset() << style.paint(kBold)
        << "note" << style.reset() << ": " << note << "\n";
  }
  for (const Fix& fix : diagnostic.fixes) {
    out << gutter << style.paint(kGutter) << " = " << style.reset() << style.paint(kBold)
        << "help" << style.reset() << ": " << fix.description << "\n";
  }
  out << "\n";
}

std::string plural(std::size_t count, std::string_view word) {
  return std::to_string(count) + " " + std::string(word) + (count == 1 ? "" : "s");
}

}  // namespace

void render_human(std::ostream& out, const SourceManager& sources,
                  const SelectedDiagnostics& selected, const DiagnosticEngine& engine,
                  bool color) {
  const Style style{color};
  // Rendered into a buffer and written in large pieces: `out` is usually std::cerr, which is
  // unbuffered, and 100,000 warnings written piece by piece took seconds of system calls.
  std::ostringstream buffer;
  for (const Diagnostic& diagnostic : selected.shown) {
    render_one(buffer, sources, diagnostic, style);
    if (buffer.tellp() > 64 * 1024) {
      out << buffer.str();
      buffer.str({});
    }
  }
  out << buffer.str();
  if (engine.error_count() == 0 && engine.warning_count() == 0) return;
  std::string summary;
  if (engine.error_count() > 0) summary = plural(engine.error_count(), "error");
  if (engine.warning_count() > 0) {
    summary += (summary.empty() ? "" : ", ") + plural(engine.warning_count(), "warning");
  }
  out << style.paint(engine.error_count() > 0 ? severity_color(Severity::Error)
                                              : severity_color(Severity::Warning))
      << (engine.error_count() > 0 ? "error" : "warning") << style.reset() << style.paint(kBold)
      << ": " << summary;
  if (selected.hidden_errors > 0) {
    out << " (" << selected.hidden_errors << " not shown; raise --max-errors to see them)";
  }
  out << style.reset() << "\n";
}

}  // namespace bpc
