// Tests of unified_diff: exact output on small cases, and on random inputs that applying the
// diff to the old text gives the new text and that the diff is minimal (checked against an LCS
// computed by dynamic programming). Large inputs must be fast.

#include "frontend/format/unified_diff.h"

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace bpc {
namespace {

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t newline = text.find('\n', start);
    const std::size_t stop = newline == std::string::npos ? text.size() : newline + 1;
    lines.push_back(text.substr(start, stop - start));
    start = stop;
  }
  return lines;
}

// Applies a unified diff to `old_text`, checking context and removed lines as patch(1) would.
// Also counts the changed lines.
std::string apply(const std::string& old_text, const std::string& diff, std::size_t* changed) {
  const std::vector<std::string> old_lines = split(old_text);
  std::vector<std::string> patch = split(diff);
  std::string result;
  std::size_t at = 0;  // next old line to copy
  std::size_t i = 2;   // skip the --- and +++ headers
  *changed = 0;
  while (i < patch.size()) {
    int a = 0, b = 1, c = 0, d = 1;
    const std::string& header = patch[i];
    if (std::sscanf(header.c_str(), "@@ -%d,%d +%d,%d @@", &a, &b, &c, &d) != 4) {
      b = 1;
      d = 1;
      if (std::sscanf(header.c_str(), "@@ -%d,%d +%d @@", &a, &b, &c) != 3) {
        b = 1;
        if (std::sscanf(header.c_str(), "@@ -%d +%d,%d @@", &a, &c, &d) != 3) {
          d = 1;
          EXPECT_EQ(std::sscanf(header.c_str(), "@@ -%d +%d @@", &a, &c), 2) << header;
        }
      }
    }
    const auto start = static_cast<std::size_t>(b == 0 ? a : a - 1);
    EXPECT_LE(at, start);
    while (at < start && at < old_lines.size()) result += old_lines[at++];
    ++i;
    int seen_old = 0, seen_new = 0;
    while (i < patch.size() && !patch[i].starts_with("@@")) {
      std::string line = patch[i].substr(1);
      const char kind = patch[i][0];
      if (i + 1 < patch.size() && patch[i + 1].starts_with("\\")) {
        line.pop_back();  // the line had no newline
      }
      if (kind == ' ' || kind == '-') {
        EXPECT_LT(at, old_lines.size());
        if (at < old_lines.size()) {
          EXPECT_EQ(old_lines[at], line);
        }
        ++at;
        ++seen_old;
      }
      if (kind == ' ' || kind == '+') {
        result += line;
        ++seen_new;
      }
      if (kind == '-' || kind == '+') ++*changed;
      ++i;
      if (i < patch.size() && patch[i].starts_with("\\")) ++i;
    }
    EXPECT_EQ(seen_old, b) << header;
    EXPECT_EQ(seen_new, d) << header;
  }
  while (at < old_lines.size()) result += old_lines[at++];
  return result;
}

std::size_t lcs(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::vector<std::size_t>> t(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
    }
  }
  return t[a.size()][b.size()];
}

TEST(UnifiedDiff, EqualTextsGiveNothing) {
  EXPECT_EQ(unified_diff("a\nb\n", "a\nb\n", "x", "y"), "");
  EXPECT_EQ(unified_diff("", "", "x", "y"), "");
}

TEST(UnifiedDiff, OneChangedLineWithThreeLinesOfContext) {
  const std::string old_text = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  const std::string new_text = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
  EXPECT_EQ(unified_diff(old_text, new_text, "a.bpl", "a.bpl (formatted)"),
            "--- a.bpl\n+++ a.bpl (formatted)\n"
            "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST(UnifiedDiff, DistantChangesMakeSeparateHunks) {
  std::string old_text, new_text;
  for (int i = 1; i <= 20; ++i) {
    old_text += std::to_string(i) + "\n";
    new_text += (i == 2 || i == 19 ? "x" : std::to_string(i)) + "\n";
  }
  EXPECT_EQ(unified_diff(old_text, new_text, "a", "b"),
            "--- a\n+++ b\n"
            "@@ -1,5 +1,5 @@\n 1\n-2\n+x\n 3\n 4\n 5\n"
            "@@ -16,5 +16,5 @@\n 16\n 17\n 18\n-19\n+x\n 20\n");
}

TEST(UnifiedDiff, InsertionIntoEmptyAndDeletionOfEverything) {
  EXPECT_EQ(unified_diff("", "a\nb\n", "a", "b"), "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+a\n+b\n");
  EXPECT_EQ(unified_diff("a\n", "", "a", "b"), "--- a\n+++ b\n@@ -1 +0,0 @@\n-a\n");
}

TEST(UnifiedDiff, MissingFinalNewlineIsMarked) {
  EXPECT_EQ(unified_diff("a\nb", "a\nb\n", "a", "b"),
            "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
}

TEST(UnifiedDiff, RandomInputsApplyAndAreMinimal) {
  std::mt19937 random(12345);
  for (int round = 0; round < 500; ++round) {
    const int alphabet = 1 + static_cast<int>(random() % 6);
    std::string old_text, new_text;
    const int n = static_cast<int>(random() % 30), m = static_cast<int>(random() % 30);
    for (int i = 0; i < n; ++i) old_text += std::string(1, char('a' + random() % alphabet)) + "\n";
    for (int i = 0; i < m; ++i) new_text += std::string(1, char('a' + random() % alphabet)) + "\n";
    if (random() % 4 == 0 && !new_text.empty()) new_text.pop_back();  // no final newline
    const int context = static_cast<int>(random() % 4);
    const std::string diff = unified_diff(old_text, new_text, "a", "b", context);
    if (old_text == new_text) {
      EXPECT_EQ(diff, "");
      continue;
    }
    std::size_t changed = 0;
    EXPECT_EQ(apply(old_text, diff, &changed), new_text) << old_text << "---\n" << new_text;
    const std::vector<std::string> a = split(old_text), b = split(new_text);
    EXPECT_EQ(changed, a.size() + b.size() - 2 * lcs(a, b)) << diff;
  }
}

TEST(UnifiedDiff, LargeFilesWithFewChangesAreFast) {
  std::string old_text, new_text;
  for (int i = 0; i < 100000; ++i) {
    const std::string line = "  field" + std::to_string(i % 997) + ": int\n";
    old_text += line;
    new_text += (i % 25000 == 7 ? "  changed: string\n" : line);
  }
  const auto start = std::chrono::steady_clock::now();
  const std::string diff = unified_diff(old_text, new_text, "a", "b");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 1.0);
  std::size_t changed = 0;
  EXPECT_EQ(apply(old_text, diff, &changed), new_text);
  EXPECT_EQ(changed, 8u);
}

TEST(UnifiedDiff, LargeFilesThatDifferEverywhereStayFastAndCorrect) {
  std::mt19937 random(7);
  std::string old_text, new_text;
  for (int i = 0; i < 50000; ++i) {
    old_text += "x" + std::to_string(random() % 50) + "\n";
    new_text += "x" + std::to_string(random() % 50) + "\n";
  }
  const auto start = std::chrono::steady_clock::now();
  const std::string diff = unified_diff(old_text, new_text, "a", "b");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 10.0);
  std::size_t changed = 0;
  EXPECT_EQ(apply(old_text, diff, &changed), new_text);
}

}  // namespace
}  // namespace bpc
