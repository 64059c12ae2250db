#include "fix/splice_diff.h"

#include <algorithm>
#include <filesystem>
#include <vector>

namespace hybridctl::fix {
namespace {

std::vector<std::string_view> split_lines(std::string_view t) {
  std::vector<std::string_view> out;
  size_t p = 0;
  while (p < t.size()) {
    size_t e = t.find('\n', p);
    if (e == std::string_view::npos) e = t.size() - 1;
    out.push_back(t.substr(p, e + 1 - p));
    p = e + 1;
  }
  return out;
}

struct Edit {
  char op;  // ' ', '-', '+'
  std::string_view line;
};

// Line edits between a and b: common prefix and suffix, then an LCS of the
// middle (splices are local, so the middle is small).
std::vector<Edit> edits(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) ++suf;
  std::vector<Edit> out;
  for (size_t i = 0; i < pre; ++i) out.push_back({' ', a[i]});
  size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
  if (n * m <= 4'000'000) {
    std::vector<std::vector<uint32_t>> l(n + 1, std::vector<uint32_t>(m + 1, 0));
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        l[i][j] = a[pre + i] == b[pre + j] ? l[i + 1][j + 1] + 1 : std::max(l[i + 1][j], l[i][j + 1]);
      }
    }
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[pre + i] == b[pre + j]) {
        out.push_back({' ', a[pre + i]});
        ++i, ++j;
      } else if (i < n && (j == m || l[i + 1][j] >= l[i][j + 1])) {
        out.push_back({'-', a[pre + i++]});  // removals first, as diff(1) prints them
      } else {
        out.push_back({'+', b[pre + j++]});
      }
    }
  } else {
    for (size_t i = 0; i < n; ++i) out.push_back({'-', a[pre + i]});
    for (size_t j = 0; j < m; ++j) out.push_back({'+', b[pre + j]});
  }
  for (size_t i = a.size() - suf; i < a.size(); ++i) out.push_back({' ', a[i]});
  return out;
}

}  // namespace

std::string unified_diff(const std::string& path, std::string_view before, std::string_view after) {
  if (before == after) return "";
  std::vector<Edit> e = edits(split_lines(before), split_lines(after));
  std::string normal = std::filesystem::path(path).lexically_normal().string();
  std::string_view relative = normal;
  while (relative.starts_with("/")) relative.remove_prefix(1);
  std::string out = "--- a/" + std::string(relative) + "\n+++ b/" + std::string(relative) + "\n";
  constexpr size_t kContext = 3;
  size_t i = 0;
  while (i < e.size()) {
    if (e[i].op == ' ') {
      ++i;
      continue;
    }
    // A hunk: from kContext lines before this change to kContext after the last change close to it.
    size_t start = i >= kContext ? i - kContext : 0;
    size_t end = i;
    while (end < e.size()) {
      if (e[end].op != ' ') {
        ++end;
        continue;
      }
      size_t run = end;
      while (run < e.size() && e[run].op == ' ') ++run;
      if (run == e.size() || run - end > 2 * kContext) break;
      end = run;
    }
    size_t stop = std::min(e.size(), end + kContext);
    size_t a_line = 1, b_line = 1;
    for (size_t k = 0; k < start; ++k) {
      a_line += e[k].op != '+';
      b_line += e[k].op != '-';
    }
    size_t a_count = 0, b_count = 0;
    std::string body;
    for (size_t k = start; k < stop; ++k) {
      a_count += e[k].op != '+';
      b_count += e[k].op != '-';
      body += e[k].op;
      body += e[k].line;
      if (body.back() != '\n') body += "\n\\ No newline at end of file\n";
    }
    out += "@@ -" + std::to_string(a_count ? a_line : a_line - 1) + "," + std::to_string(a_count) + " +" +
           std::to_string(b_count ? b_line : b_line - 1) + "," + std::to_string(b_count) + " @@\n" + body;
    i = stop;
  }
  return out;
}

}  // namespace hybridctl::fix
