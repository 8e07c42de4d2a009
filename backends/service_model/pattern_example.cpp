#include "backends/service_model/pattern_example.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace bpc::backends::service {

namespace {

// A recursive-descent walk over the pattern that writes a short string each piece matches: the
// chosen branch of each alternation (the first by default), each quantifier's minimum plus the stretch, the
// `variant`-th choice (in a mixed radix) from character classes so records differ. Its depth is
// the pattern's group nesting, which the checker bounds (base::kMaxPatternGroupDepth), and its
// output is capped, since nested repetitions multiply.
class PatternExample {
 public:
  static constexpr std::size_t kMaxRepeat = 64;
  static constexpr std::size_t kMaxLength = 4096;

  PatternExample(std::string_view pattern, int variant, std::size_t stretch, std::size_t branches)
      : p_(pattern), remaining_(static_cast<std::size_t>(variant)), stretch_(stretch), branches_(branches) {}

  std::optional<std::string> run() {
    std::string out;
    if (!alternation(out) || i_ != p_.size()) return std::nullopt;
    return out;
  }

 private:
  // Every branch is written; the `branches`-th (in a mixed radix, one digit per alternation)
  // is kept.
  bool alternation(std::string& out) {
    std::vector<std::string> branches(1);
    if (!sequence(branches.back())) return false;
    while (i_ < p_.size() && p_[i_] == '|') {
      ++i_;
      if (!sequence(branches.emplace_back())) return false;
    }
    out += branches[branches_ % branches.size()];
    branches_ /= branches.size();
    return true;
  }

  bool sequence(std::string& out) {
    while (i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') {
      // Each repetition is generated again, so `[0-9]{8}` gives eight independent picks.
      const std::size_t start = i_;
      std::string atom_text;
      if (!atom(atom_text)) return false;
      std::size_t repeat = 1;
      if (!quantifier(repeat)) return false;
      const std::size_t end = i_;
      if (repeat > 0) out += atom_text;
      for (std::size_t k = 1; k < repeat; ++k) {
        if (out.size() > kMaxLength) return false;  // nested repetitions multiply
        i_ = start;
        std::string again;
        if (!atom(again)) return false;
        out += again;
      }
      i_ = end;
    }
    return true;
  }

  // A quantifier's repetitions: its minimum, plus the stretch up to its maximum (at most 64).
  bool quantifier(std::size_t& repeat) {
    if (i_ >= p_.size()) return true;
    const char c = p_[i_];
    std::size_t min = 1;
    std::size_t max = 1;
    if (c == '*' || c == '?' || c == '+') {
      min = c == '+' ? 1 : 0;
      max = c == '?' ? 1 : kMaxRepeat;
      ++i_;
    } else if (c == '{') {
      const std::size_t close = p_.find('}', i_);
      if (close == std::string_view::npos) return false;
      const std::string_view body = p_.substr(i_ + 1, close - i_ - 1);
      const std::size_t comma = body.find(',');
      const auto parse = [](std::string_view digits, std::size_t& out) {
        if (digits.empty() || digits.size() > 6) return false;
        out = 0;
        for (char d : digits) {
          if (d < '0' || d > '9') return false;
          out = out * 10 + static_cast<std::size_t>(d - '0');
        }
        return true;
      };
      if (comma == std::string_view::npos) {
        if (!parse(body, min)) return false;
        max = min;
      } else {
        if (!parse(body.substr(0, comma), min)) return false;
        if (comma + 1 == body.size()) max = std::max(min, kMaxRepeat);
        else if (!parse(body.substr(comma + 1), max)) return false;
      }
      if (min > kMaxRepeat || max < min) return false;
      i_ = close + 1;
    } else {
      return true;
    }
    if (i_ < p_.size() && p_[i_] == '?') ++i_;  // lazy
    repeat = std::min(max, min + stretch_);
    return true;
  }

  // The variant written in a mixed radix, least significant digit first: one digit per pick.
  char pick(const std::string& members) {
    if (members.empty()) return 'a';
    const char c = members[(remaining_ % members.size())];
    remaining_ /= members.size();
    return c;
  }

  static std::string printable() {
    std::string all;
    for (char c = 'a'; c <= 'z'; ++c) all += c;
    for (char c = '0'; c <= '9'; ++c) all += c;
    for (char c = 'A'; c <= 'Z'; ++c) all += c;
    all += " -_.@";
    return all;
  }

  static std::string escape_class(char e) {
    switch (e) {
      case 'd': return "0123456789";
      case 'w': return "abcdefghijklmnopqrstuvwxyz0123456789";
      case 's': return " ";
      case 'D': return "abc";
      case 'W': return "-";
      case 'S': return "abc";
      case 'n': return "\n";
      case 't': return "\t";
      default: return std::string(1, e);
    }
  }

  bool atom(std::string& out) {
    const char c = p_[i_];
    if (c == '^' || c == '$') {
      ++i_;
      return true;
    }
    if (c == '(') {
      ++i_;
      if (p_.substr(i_, 2) == "?:") i_ += 2;
      else if (i_ < p_.size() && p_[i_] == '?') return false;  // lookarounds
      if (!alternation(out)) return false;
      if (i_ >= p_.size() || p_[i_] != ')') return false;
      ++i_;
      return true;
    }
    if (c == '[') return character_class(out);
    if (c == '.') {
      ++i_;
      out += pick("abcxyz");
      return true;
    }
    if (c == '\\') {
      if (i_ + 1 >= p_.size()) return false;
      const char e = p_[i_ + 1];
      if (e == 'b' || e == 'B' || (e >= '1' && e <= '9') || e == 'u' || e == 'x' || e == 'p') return false;
      i_ += 2;
      out += pick(escape_class(e));
      return true;
    }
    if (c == '*' || c == '+' || c == '?' || c == '{') return false;
    out += c;
    ++i_;
    return true;
  }

  bool character_class(std::string& out) {
    ++i_;
    bool negated = false;
    if (i_ < p_.size() && p_[i_] == '^') {
      negated = true;
      ++i_;
    }
    std::string members;
    bool first = true;
    while (i_ < p_.size() && (p_[i_] != ']' || first)) {
      first = false;
      char lo = p_[i_];
      if (lo == '\\') {
        if (i_ + 1 >= p_.size()) return false;
        const std::string set = escape_class(p_[i_ + 1]);
        i_ += 2;
        if (set.size() > 1) {
          members += set;
          continue;
        }
        lo = set[0];
      } else {
        ++i_;
      }
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        char hi = p_[i_ + 1];
        i_ += 2;
        if (hi == '\\') {
          if (i_ >= p_.size()) return false;
          hi = p_[i_++];
        }
        for (int ch = static_cast<unsigned char>(lo); ch <= static_cast<unsigned char>(hi) && ch < 128; ++ch) {
          members += static_cast<char>(ch);
        }
      } else {
        members += lo;
      }
    }
    if (i_ >= p_.size()) return false;
    ++i_;  // ]
    if (negated) {
      std::string allowed;
      for (char ch : printable()) {
        if (members.find(ch) == std::string::npos) allowed += ch;
      }
      members = allowed;
    }
    // Prefer letters and digits, then anything else the class allows.
    std::string preferred;
    for (char ch : members) {
      if (std::isalnum(static_cast<unsigned char>(ch))) preferred += ch;
    }
    out += pick(preferred.empty() ? members : preferred);
    return true;
  }

  std::string_view p_;
  std::size_t i_ = 0;
  std::size_t remaining_;
  std::size_t stretch_;
  std::size_t branches_;
};

}  // namespace

std::optional<std::string> example_for_pattern(std::string_view pattern, int variant, std::size_t stretch,
                                               std::size_t branches) {
  return PatternExample(pattern, variant, stretch, branches).run();
}

}  // namespace bpc::backends::service
