#include "k8s/calico_selector.h"

#include <cctype>
#include <string>
#include <vector>

namespace hybridctl::k8s {
namespace {

class Parser {
 public:
  Parser(std::string_view text, const StringMap& labels) : s_(text), labels_(labels) {}

  std::optional<bool> parse() {
    skip();
    if (pos_ == s_.size()) return true;
    auto v = parse_or();
    skip();
    if (!v || pos_ != s_.size()) return std::nullopt;
    return v;
  }

 private:
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool eat(std::string_view token) {
    skip();
    if (s_.substr(pos_, token.size()) != token) return false;
    pos_ += token.size();
    return true;
  }
  std::optional<std::string> label_key() {
    skip();
    size_t start = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) ||
                                std::string_view("._/-").find(s_[pos_]) != std::string_view::npos)) {
      ++pos_;
    }
    if (start == pos_) return std::nullopt;
    return std::string(s_.substr(start, pos_ - start));
  }
  std::optional<std::string> quoted() {
    skip();
    if (pos_ >= s_.size() || (s_[pos_] != '\'' && s_[pos_] != '"')) return std::nullopt;
    char q = s_[pos_++];
    size_t end = s_.find(q, pos_);
    if (end == std::string_view::npos) return std::nullopt;
    std::string v(s_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return v;
  }
  std::optional<std::vector<std::string>> set() {
    if (!eat("{")) return std::nullopt;
    std::vector<std::string> values;
    skip();
    if (eat("}")) return values;
    while (true) {
      auto v = quoted();
      if (!v) return std::nullopt;
      values.push_back(*v);
      if (eat("}")) return values;
      if (!eat(",")) return std::nullopt;
    }
  }
  std::optional<bool> parse_or() {
    auto left = parse_and();
    while (left && eat("||")) {
      auto right = parse_and();
      if (!right) return std::nullopt;
      left = *left || *right;
    }
    return left;
  }
  std::optional<bool> parse_and() {
    auto left = parse_unary();
    while (left && eat("&&")) {
      auto right = parse_unary();
      if (!right) return std::nullopt;
      left = *left && *right;
    }
    return left;
  }
  // Every `!` and `(` recurses; real selectors nest a few levels, and a bound
  // keeps a hostile one (100,000 parentheses) from overflowing the stack.
  static constexpr int kMaxDepth = 256;

  std::optional<bool> parse_unary() {
    if (depth_ >= kMaxDepth) return std::nullopt;
    ++depth_;
    std::optional<bool> v = unary_operand();
    --depth_;
    return v;
  }
  std::optional<bool> unary_operand() {
    if (eat("!")) {
      auto v = parse_unary();
      return v ? std::optional<bool>(!*v) : std::nullopt;
    }
    if (eat("(")) {
      auto v = parse_or();
      if (!v || !eat(")")) return std::nullopt;
      return v;
    }
    if (eat("all()")) return true;
    if (eat("has(")) {
      auto key = label_key();
      if (!key || !eat(")")) return std::nullopt;
      return labels_.contains(*key);
    }
    return comparison();
  }
  std::optional<bool> comparison() {
    auto key = label_key();
    if (!key) return std::nullopt;
    const std::string* value = labels_.find(*key);
    if (eat("==")) {
      auto v = quoted();
      if (!v) return std::nullopt;
      return value && *value == *v;
    }
    if (eat("!=")) {
      auto v = quoted();
      if (!v) return std::nullopt;
      return !value || *value != *v;
    }
    bool negate = eat("not");
    if (!eat("in")) return std::nullopt;
    auto values = set();
    if (!values) return std::nullopt;
    bool in = false;
    for (const auto& v : *values) in = in || (value && *value == v);
    return negate ? !in : in;
  }

  std::string_view s_;
  const StringMap& labels_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

std::optional<bool> calico_selector_matches(std::string_view expression, const StringMap& labels) {
  return Parser(expression, labels).parse();
}

}  // namespace hybridctl::k8s
