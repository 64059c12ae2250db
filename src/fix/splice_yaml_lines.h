// Block YAML seen as lines: every question the splicer asks of a block
// document is about a line's indentation and whether it holds content.
#pragma once

#include <cstddef>
#include <string_view>

namespace hybridctl::fix {

class YamlLines {
 public:
  explicit YamlLines(std::string_view text) : t_(text) {}
  size_t start(size_t p) const {
    while (p > 0 && t_[p - 1] != '\n') --p;
    return p;
  }
  size_t end(size_t p) const {
    size_t e = t_.find('\n', p);
    return e == std::string_view::npos ? t_.size() : e;
  }
  size_t next(size_t p) const {
    size_t e = end(p);
    return e < t_.size() ? e + 1 : t_.size();
  }
  int indent(size_t line) const {
    size_t p = line;
    while (p < t_.size() && t_[p] == ' ') ++p;
    return static_cast<int>(p - line);
  }
  bool blank(size_t line) const {
    size_t c = line + static_cast<size_t>(indent(line));
    return c >= t_.size() || t_[c] == '\n';
  }
  bool comment(size_t line) const {
    size_t c = line + static_cast<size_t>(indent(line));
    return c < t_.size() && t_[c] == '#';
  }
  int column(size_t p) const { return static_cast<int>(p - start(p)); }
  bool dash_at(size_t p) const {
    return p < t_.size() && t_[p] == '-' && (p + 1 >= t_.size() || t_[p + 1] == ' ' || t_[p + 1] == '\n');
  }
  std::string_view text() const { return t_; }

 private:
  std::string_view t_;
};

}  // namespace hybridctl::fix
