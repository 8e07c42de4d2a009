#include "backends/support/printer.h"

#include <algorithm>
#include <utility>

namespace bpc::backends {

namespace printer_detail {

// Never called at run time: BasicTemplate's consteval constructor calls them only for a bad
// template, which fails to compile. Defined so that a call outside constant evaluation links.
void unclosed_delimiter_in_printer_template() { throw PrinterError("unclosed delimiter in printer template"); }
void invalid_variable_name_in_printer_template() {
  throw PrinterError("invalid variable name in printer template");
}
void nul_character_in_printer_template() { throw PrinterError("NUL character in printer template"); }

}  // namespace printer_detail

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), is_space);
}

std::size_t leading_space(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && is_space(line[n])) ++n;
  return n;
}

struct Line {
  std::string_view text;
  bool has_newline;
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t newline = text.find('\n', pos);
    if (newline == std::string_view::npos) {
      lines.push_back({text.substr(pos), false});
      break;
    }
    lines.push_back({text.substr(pos, newline - pos), true});
    pos = newline + 1;
  }
  return lines;
}

// The lines of a template, with a block template's first newline, common indentation and
// whitespace-only last line removed (see printer.h).
std::vector<Line> template_lines(std::string_view text) {
  const bool block = !text.empty() && text[0] == '\n' &&
                     text.find_first_not_of(" \t\n") != std::string_view::npos;
  if (!block) return split_lines(text);
  std::vector<Line> lines = split_lines(text.substr(1));
  if (!lines.empty() && !lines.back().has_newline && is_blank(lines.back().text)) lines.pop_back();
  std::size_t common = std::string_view::npos;
  for (const Line& line : lines) {
    if (!is_blank(line.text)) common = std::min(common, leading_space(line.text));
  }
  for (Line& line : lines) {
    line.text = is_blank(line.text) ? std::string_view() : line.text.substr(common);
  }
  return lines;
}

std::string excerpt(std::string_view text) {
  constexpr std::size_t kMax = 60;
  std::string out(text.substr(0, kMax));
  if (text.size() > kMax) out += "...";
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  return out;
}

}  // namespace

PrinterCore::PrinterCore(char delimiter, Options options)
    : delimiter_(delimiter), options_(std::move(options)) {}

void PrinterCore::indent() { indent_ += options_.indent_unit; }

void PrinterCore::outdent() {
  if (indent_.size() < indent_floor_ + options_.indent_unit.size()) {
    throw PrinterError("printer: outdent() without a matching indent()");
  }
  indent_.resize(indent_.size() - options_.indent_unit.size());
}

std::string PrinterCore::take_output() {
  std::string result = std::move(out_);
  out_.clear();
  pending_space_.clear();
  line_start_ = 0;
  at_line_start_ = true;
  return result;
}

void PrinterCore::print_template(std::string_view text, std::initializer_list<Variable> variables) {
  for (auto a = variables.begin(); a != variables.end(); ++a) {
    for (auto b = a + 1; b != variables.end(); ++b) {
      if (a->name() == b->name()) {
        throw PrinterError("printer: variable `" + a->name() + "` passed twice to print(\"" +
                           excerpt(text) + "\")");
      }
    }
  }
  const std::size_t frame = frames_.size();
  frames_.push_back(Frame{variables.begin(), variables.size(), std::vector<bool>(variables.size()), true});
  struct PopFrame {
    std::vector<Frame>& frames;
    std::size_t size;
    ~PopFrame() { frames.resize(size); }
  } pop{frames_, frame};

  for (const Line& line : template_lines(text)) print_line(line.text, line.has_newline, text);

  if (options_.check_unused) {
    std::string unused;
    for (std::size_t i = 0; i < variables.size(); ++i) {
      if (frames_[frame].used[i]) continue;
      if (!unused.empty()) unused += ", ";
      unused += "`" + variables.begin()[i].name() + "`";
    }
    if (!unused.empty()) {
      throw PrinterError("printer: unused variable " + unused + " in print(\"" + excerpt(text) + "\")");
    }
  }
}

const Variable* PrinterCore::find(std::string_view name) {
  for (std::size_t f = frames_.size(); f-- > 0;) {
    Frame& frame = frames_[f];
    for (std::size_t i = 0; i < frame.size; ++i) {
      if (frame.variables[i].name() != name) continue;
      if (frame.is_call) frame.used[i] = true;
      return &frame.variables[i];
    }
  }
  return nullptr;
}

void PrinterCore::print_line(std::string_view line, bool has_newline, std::string_view whole) {
  if (at_line_start_ && print_standalone(line, has_newline, whole)) return;
  std::size_t i = 0;
  while (i < line.size()) {
    const std::size_t open = line.find(delimiter_, i);
    if (open == std::string_view::npos) {
      write(line.substr(i));
      break;
    }
    write(line.substr(i, open - i));
    const std::size_t close = line.find(delimiter_, open + 1);
    if (close == std::string_view::npos) {  // unreachable: templates are checked when compiled
      throw PrinterError("printer: unclosed delimiter in \"" + excerpt(whole) + "\"");
    }
    if (close == open + 1) {
      write(std::string_view(&delimiter_, 1));
    } else {
      const std::string_view name = line.substr(open + 1, close - open - 1);
      const Variable* variable = find(name);
      if (variable == nullptr) {
        throw PrinterError("printer: unknown variable `" + std::string(name) + "` in \"" + excerpt(whole) + "\"");
      }
      substitute(*variable);
    }
    i = close + 1;
  }
  if (has_newline) write("\n");
}

bool PrinterCore::print_standalone(std::string_view line, bool has_newline, std::string_view whole) {
  const std::size_t begin = leading_space(line);
  std::size_t end = line.size();
  while (end > begin && is_space(line[end - 1])) --end;
  if (end - begin < 3 || line[begin] != delimiter_ || line[end - 1] != delimiter_) return false;
  const std::string_view name = line.substr(begin + 1, end - begin - 2);
  if (!std::all_of(name.begin(), name.end(), printer_detail::is_name_char)) return false;
  const Variable* variable = find(name);
  if (variable == nullptr) {
    throw PrinterError("printer: unknown variable `" + std::string(name) + "` in \"" + excerpt(whole) + "\"");
  }
  if (!variable->is_callback() && variable->text().empty()) return true;

  const IndentRestore restore{*this, indent_, indent_floor_};
  indent_ += pending_space_;
  indent_ += line.substr(0, begin);
  pending_space_.clear();
  indent_floor_ = indent_.size();

  const std::size_t before = out_.size();
  if (variable->is_callback()) {
    variable->callback()();
  } else {
    write(variable->text());
  }
  if (out_.size() == before) {  // printed nothing (or only spaces): the line disappears
    pending_space_.clear();
    return true;
  }
  if (has_newline && !at_line_start_) write("\n");
  return true;
}

void PrinterCore::substitute(const Variable& variable) {
  if (!variable.is_callback() && variable.text().find('\n') == std::string::npos) {
    write(variable.text());
    return;
  }
  const IndentRestore restore{*this, std::exchange(indent_, column_prefix()), indent_floor_};
  indent_floor_ = indent_.size();
  if (variable.is_callback()) {
    variable.callback()();
  } else {
    write(variable.text());
  }
}

std::string PrinterCore::column_prefix() const {
  if (at_line_start_) return indent_ + pending_space_;
  std::string prefix;
  for (std::size_t i = line_start_; i < out_.size(); ++i) {
    const auto byte = static_cast<unsigned char>(out_[i]);
    if ((byte & 0xC0) == 0x80) continue;  // UTF-8 continuation byte: one column per code point
    prefix += out_[i] == '\t' ? '\t' : ' ';
  }
  return prefix + pending_space_;
}

void PrinterCore::write(std::string_view text) {
  // Line by line: a line's text goes out at once, after the indentation (when it starts the line)
  // and the spaces held back before it; its trailing spaces are held back in turn, and dropped if
  // the line ends.
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view segment = text.substr(0, newline);
    const std::size_t last = segment.find_last_not_of(" \t");
    if (last == std::string_view::npos) {
      pending_space_ += segment;
    } else {
      if (at_line_start_) {
        out_ += indent_;
        at_line_start_ = false;
      }
      out_ += pending_space_;
      out_.append(segment.substr(0, last + 1));
      pending_space_.assign(segment.substr(last + 1));
    }
    if (newline == std::string_view::npos) return;
    pending_space_.clear();
    out_ += '\n';
    at_line_start_ = true;
    line_start_ = out_.size();
    text.remove_prefix(newline + 1);
  }
}

VariableScope::VariableScope(PrinterCore& printer, std::initializer_list<Variable> variables)
    : printer_(printer), variables_(variables), depth_(printer.frames_.size()) {
  printer_.frames_.push_back(PrinterCore::Frame{variables_.data(), variables_.size(), {}, false});
}

VariableScope::~VariableScope() {
  if (printer_.frames_.size() > depth_) printer_.frames_.resize(depth_);
}

}  // namespace bpc::backends
