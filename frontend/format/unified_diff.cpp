// A line diff in unified format. The steps:
//   1. split both texts into lines (a last line without "\n" is a different line from the same
//      text with one, and is printed with "\ No newline at end of file") and number each distinct
//      line, so comparisons are integer compares;
//   2. drop the common prefix and suffix, then set aside lines that occur in only one of the
//      texts: they can never be matched, so removing them leaves the longest common subsequence
//      unchanged, and a reformatted file (where most lines change) shrinks to a small problem;
//   3. run Myers' O((N+M)D) algorithm in its linear-space form (find the middle snake, split,
//      repeat on both halves), with an explicit stack instead of recursion. A per-split cost
//      limit keeps pathological inputs fast: past it, the split is taken at the furthest point
//      the forward search reached, which gives a correct if not always minimal diff;
//   4. group the changes into hunks with `context` lines around each and print them.

#include "frontend/format/unified_diff.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace bpc {

namespace {

// The lines of a text, each including its "\n" when it has one.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t newline = text.find('\n', start);
    const std::size_t stop = newline == std::string_view::npos ? text.size() : newline + 1;
    lines.push_back(text.substr(start, stop - start));
    start = stop;
  }
  return lines;
}

class Myers {
 public:
  Myers(const std::vector<int>& a, const std::vector<int>& b, std::vector<char>& deleted,
        std::vector<char>& inserted)
      : a_(a), b_(b), deleted_(deleted), inserted_(inserted) {}

  void run() {
    struct Range {
      int a0, a1, b0, b1;
    };
    std::vector<Range> stack;
    stack.push_back(Range{0, static_cast<int>(a_.size()), 0, static_cast<int>(b_.size())});
    while (!stack.empty()) {
      Range r = stack.back();
      stack.pop_back();
      while (r.a0 < r.a1 && r.b0 < r.b1 && a_[r.a0] == b_[r.b0]) ++r.a0, ++r.b0;
      while (r.a0 < r.a1 && r.b0 < r.b1 && a_[r.a1 - 1] == b_[r.b1 - 1]) --r.a1, --r.b1;
      if (r.a0 == r.a1 || r.b0 == r.b1) {
        mark(r.a0, r.a1, r.b0, r.b1);
        continue;
      }
      int x = 0;
      int y = 0;
      const int n = r.a1 - r.a0;
      const int m = r.b1 - r.b0;
      if (!bisect(r.a0, n, r.b0, m, x, y) || x + y == 0 || x + y == n + m) {
        mark(r.a0, r.a1, r.b0, r.b1);
        continue;
      }
      stack.push_back(Range{r.a0 + x, r.a1, r.b0 + y, r.b1});
      stack.push_back(Range{r.a0, r.a0 + x, r.b0, r.b0 + y});
    }
  }

 private:
  void mark(int a0, int a1, int b0, int b1) {
    for (int i = a0; i < a1; ++i) deleted_[i] = 1;
    for (int j = b0; j < b1; ++j) inserted_[j] = 1;
  }

  // Finds a point (x, y) on a shortest edit path of a[a0, a0+n) and b[b0, b0+m), relative to
  // (a0, b0), by running the search forward from the start and backward from the end until the
  // two meet (Myers 1986, section 4b; the formulation follows diff-match-patch's bisect).
  bool bisect(int a0, int n, int b0, int m, int& split_x, int& split_y) {
    const int max_d = (n + m + 1) / 2;
    const int offset = max_d + 1;
    const int length = 2 * max_d + 3;
    v1_.assign(static_cast<std::size_t>(length), -1);
    v2_.assign(static_cast<std::size_t>(length), -1);
    v1_[offset + 1] = 0;
    v2_[offset + 1] = 0;
    const int delta = n - m;
    const bool front = (delta % 2) != 0;
    int k1start = 0, k1end = 0, k2start = 0, k2end = 0;
    // Past this many steps the split is taken where the forward search got furthest.
    const long long budget = 100'000'000LL / (static_cast<long long>(n) + m + 1);
    const int cost_limit = static_cast<int>(std::max<long long>(256, budget));
    int best_x = 0, best_y = 0;
    for (int d = 0; d < max_d; ++d) {
      if (d > cost_limit) {
        split_x = best_x;
        split_y = best_y;
        return true;
      }
      for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
        const int k1_offset = offset + k1;
        int x1;
        if (k1 == -d || (k1 != d && v1_[k1_offset - 1] < v1_[k1_offset + 1])) {
          x1 = v1_[k1_offset + 1];
        } else {
          x1 = v1_[k1_offset - 1] + 1;
        }
        int y1 = x1 - k1;
        while (x1 < n && y1 < m && a_[a0 + x1] == b_[b0 + y1]) ++x1, ++y1;
        v1_[k1_offset] = x1;
        if (x1 > n) {
          k1end += 2;
        } else if (y1 > m) {
          k1start += 2;
        } else {
          if (x1 + y1 > best_x + best_y) best_x = x1, best_y = y1;
          if (front) {
            const int k2_offset = offset + delta - k1;
            if (k2_offset >= 0 && k2_offset < length && v2_[k2_offset] != -1) {
              const int x2 = n - v2_[k2_offset];
              if (x1 >= x2) {
                split_x = x1;
                split_y = y1;
                return true;
              }
            }
          }
        }
      }
      for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
        const int k2_offset = offset + k2;
        int x2;
        if (k2 == -d || (k2 != d && v2_[k2_offset - 1] < v2_[k2_offset + 1])) {
          x2 = v2_[k2_offset + 1];
        } else {
          x2 = v2_[k2_offset - 1] + 1;
        }
        int y2 = x2 - k2;
        while (x2 < n && y2 < m && a_[a0 + n - x2 - 1] == b_[b0 + m - y2 - 1]) ++x2, ++y2;
        v2_[k2_offset] = x2;
        if (x2 > n) {
          k2end += 2;
        } else if (y2 > m) {
          k2start += 2;
        } else if (!front) {
          const int k1_offset = offset + delta - k2;
          if (k1_offset >= 0 && k1_offset < length && v1_[k1_offset] != -1) {
            const int x1 = v1_[k1_offset];
            const int y1 = x1 - (k1_offset - offset);
            if (x1 >= n - x2) {
              split_x = x1;
              split_y = y1;
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  const std::vector<int>& a_;
  const std::vector<int>& b_;
  std::vector<char>& deleted_;
  std::vector<char>& inserted_;
  std::vector<int> v1_;
  std::vector<int> v2_;
};

// `start,count` as unified diffs write a range: an empty range names the line before it, and a
// one-line range omits the count (as GNU diff does).
std::string range(std::size_t start, std::size_t count) {
  if (count == 0) return std::to_string(start) + ",0";
  if (count == 1) return std::to_string(start + 1);
  return std::to_string(start + 1) + "," + std::to_string(count);
}

void append_line(std::string& out, char prefix, std::string_view line) {
  out += prefix;
  out += line;
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

}  // namespace

std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         std::string_view old_name, std::string_view new_name, int context) {
  if (old_text == new_text) return "";
  if (context < 0) context = 0;
  const std::vector<std::string_view> a_lines = split_lines(old_text);
  const std::vector<std::string_view> b_lines = split_lines(new_text);
  const std::size_t n = a_lines.size();
  const std::size_t m = b_lines.size();

  // Number the distinct lines.
  std::unordered_map<std::string_view, int> ids;
  ids.reserve(n + m);
  std::vector<int> a(n), b(m);
  for (std::size_t i = 0; i < n; ++i) a[i] = ids.emplace(a_lines[i], ids.size()).first->second;
  for (std::size_t j = 0; j < m; ++j) b[j] = ids.emplace(b_lines[j], ids.size()).first->second;

  std::vector<char> deleted(n, 0), inserted(m, 0);
  std::size_t prefix = 0;
  while (prefix < n && prefix < m && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < n - prefix && suffix < m - prefix && a[n - 1 - suffix] == b[m - 1 - suffix]) {
    ++suffix;
  }

  // Lines found on one side only are changes; diff the rest.
  std::vector<int> in_a(ids.size(), 0), in_b(ids.size(), 0);
  for (std::size_t i = prefix; i < n - suffix; ++i) in_a[a[i]] = 1;
  for (std::size_t j = prefix; j < m - suffix; ++j) in_b[b[j]] = 1;
  std::vector<int> ra, rb;
  std::vector<std::size_t> ra_index, rb_index;
  for (std::size_t i = prefix; i < n - suffix; ++i) {
    if (in_b[a[i]]) {
      ra.push_back(a[i]);
      ra_index.push_back(i);
    } else {
      deleted[i] = 1;
    }
  }
  for (std::size_t j = prefix; j < m - suffix; ++j) {
    if (in_a[b[j]]) {
      rb.push_back(b[j]);
      rb_index.push_back(j);
    } else {
      inserted[j] = 1;
    }
  }
  std::vector<char> r_deleted(ra.size(), 0), r_inserted(rb.size(), 0);
  Myers(ra, rb, r_deleted, r_inserted).run();
  for (std::size_t i = 0; i < ra.size(); ++i) {
    if (r_deleted[i]) deleted[ra_index[i]] = 1;
  }
  for (std::size_t j = 0; j < rb.size(); ++j) {
    if (r_inserted[j]) inserted[rb_index[j]] = 1;
  }

  // Collect the changes: maximal runs of deleted and inserted lines between matched lines.
  struct Change {
    std::size_t a0, a1, b0, b1;
  };
  std::vector<Change> changes;
  for (std::size_t i = 0, j = 0; i < n || j < m;) {
    if ((i < n && deleted[i]) || (j < m && inserted[j])) {
      Change change{i, i, j, j};
      while ((i < n && deleted[i]) || (j < m && inserted[j])) {
        while (i < n && deleted[i]) ++i;
        while (j < m && inserted[j]) ++j;
      }
      change.a1 = i;
      change.b1 = j;
      changes.push_back(change);
    } else {
      ++i;
      ++j;
    }
  }
  if (changes.empty()) return "";  // texts differ only in ways lines cannot (never reached)

  std::string out;
  out += "--- ";
  out += old_name;
  out += "\n+++ ";
  out += new_name;
  out += "\n";
  const auto ctx = static_cast<std::size_t>(context);
  for (std::size_t first = 0; first < changes.size();) {
    std::size_t last = first;
    while (last + 1 < changes.size() && changes[last + 1].a0 - changes[last].a1 <= 2 * ctx) {
      ++last;
    }
    const std::size_t lead = std::min(ctx, changes[first].a0);
    const std::size_t a_start = changes[first].a0 - lead;
    const std::size_t b_start = changes[first].b0 - lead;
    const std::size_t trail = std::min(ctx, n - changes[last].a1);
    const std::size_t a_end = changes[last].a1 + trail;
    const std::size_t b_end = changes[last].b1 + trail;
    out += "@@ -" + range(a_start, a_end - a_start) + " +" + range(b_start, b_end - b_start) +
           " @@\n";
    std::size_t i = a_start;
    for (std::size_t c = first; c <= last; ++c) {
      for (; i < changes[c].a0; ++i) append_line(out, ' ', a_lines[i]);
      for (; i < changes[c].a1; ++i) append_line(out, '-', a_lines[i]);
      for (std::size_t j = changes[c].b0; j < changes[c].b1; ++j) {
        append_line(out, '+', b_lines[j]);
      }
    }
    for (; i < a_end; ++i) append_line(out, ' ', a_lines[i]);
    first = last + 1;
  }
  return out;
}

}  // namespace bpc
