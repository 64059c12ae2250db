// What the splicer reads of a YAML file before it edits anything: the
// file's indentation style, and what it refuses to edit (splice_yaml.h).
#include <cctype>
#include <map>

#include "decode/yaml_block_scanner.h"
#include "fix/splice_yaml.h"
#include "fix/splice_yaml_lines.h"

namespace hybridctl::fix {

YamlStyle detect_yaml_style(std::string_view text) {
  YamlLines L(text);
  std::map<int, int> steps;
  int indentless = 0, indented = 0;
  for (size_t p = 0; p < text.size(); p = L.next(p)) {
    if (L.blank(p) || L.comment(p)) continue;
    size_t le = L.end(p);
    size_t e = le;
    while (e > p && text[e - 1] == ' ') --e;
    if (e == p || text[e - 1] != ':') continue;
    size_t q = L.next(p);
    while (q < text.size() && (L.blank(q) || L.comment(q))) q = L.next(q);
    if (q >= text.size()) break;
    int key_col = L.indent(p);
    // A key after "- " sits further right than its line's indentation.
    size_t c = p + static_cast<size_t>(key_col);
    while (L.dash_at(c)) {
      c += 1;
      while (c < le && text[c] == ' ') ++c;
    }
    key_col = L.column(c);
    int ind = L.indent(q);
    if (L.dash_at(q + static_cast<size_t>(ind))) {
      (ind == key_col ? indentless : indented)++;
    } else if (ind > key_col) {
      steps[ind - key_col]++;
    }
  }
  YamlStyle s;
  int best = 0;
  for (auto [step, n] : steps) {
    if (n > best) {
      best = n;
      s.step = step;
    }
  }
  s.indentless_sequences = indentless > indented;
  return s;
}

std::string yaml_file_refusal(std::string_view text) {
  if (text.find('\r') != std::string_view::npos) return "CRLF line endings";
  if (text.find('\t') != std::string_view::npos) return "tab characters";
  YamlLines L(text);
  for (size_t p = 0; p < text.size(); p = L.next(p)) {
    size_t le = L.end(p);
    if (text[p] == '%') return "a YAML directive";
    if (text.substr(p, 3) == "..." && (p + 3 == le || text[p + 3] == ' ')) return "a document end marker (...)";
  }
  return "";
}

namespace {

// Records what the block scanner saw that the splicer cannot edit under.
class PropertyWatcher final : public decode::YamlEventHandler {
 public:
  bool on_event(const decode::YamlEvent& e) override {
    if (e.type == decode::YamlEventType::Alias) why = "an alias";
    if (!e.anchor.empty() && why.empty()) why = "an anchor";
    if (!e.tag.empty() && why.empty()) why = "a tag";
    if (e.type == decode::YamlEventType::Scalar && e.plain && e.text == "<<" && why.empty()) why = "a merge key (<<)";
    return true;
  }
  std::string why;
};

// Whether a line's value opens a block scalar (`key: |`, `- >-`, ...).
bool opens_block_scalar(std::string_view line) {
  size_t e = line.size();
  size_t hash = line.find(" #");
  if (hash != std::string_view::npos) e = hash;
  while (e > 0 && line[e - 1] == ' ') --e;
  size_t b = e;
  while (b > 0 && (std::isdigit(static_cast<unsigned char>(line[b - 1])) || line[b - 1] == '+' || line[b - 1] == '-'))
    --b;
  if (b == 0 || (line[b - 1] != '|' && line[b - 1] != '>')) return false;
  return b == 1 || line[b - 2] == ' ';
}

}  // namespace

std::string yaml_document_refusal(std::string_view text) {
  // A template's placeholders may sit in quoted strings of valid YAML; the
  // file is then a source some tool renders, and the edit is the user's call.
  if (text.find("{{") != std::string_view::npos) return "template directives ({{ }})";
  PropertyWatcher watcher;
  size_t begin = 0;
  decode::BlockScanResult r = decode::scan_block_document(text, begin, watcher);
  if (r.next != decode::kOutsideBlockSubset) return watcher.why;
  YamlLines L(text);
  int block_scalar_parent = -1;  // >= 0 inside a block scalar's content: its parent's indentation
  for (size_t p = 0; p < text.size(); p = L.next(p)) {
    size_t le = L.end(p);
    if (block_scalar_parent >= 0) {
      if (L.blank(p) || L.indent(p) > block_scalar_parent) continue;
      block_scalar_parent = -1;
    }
    if (opens_block_scalar(text.substr(p, le - p))) block_scalar_parent = L.indent(p);
    // Outside quotes, a node property or alias starts after an indicator or
    // at the start of the line's content.
    char quote = 0;
    char prev = ' ';
    char prev_token = ':';  // the last non-space outside quotes; ':' stands for the line's start
    for (size_t i = p; i < le; ++i) {
      char c = text[i];
      if (quote) {
        if (c == quote) quote = 0;
        if (quote == '"' && c == '\\') ++i;
        prev = c;
        continue;
      }
      if (c == '#' && prev == ' ') break;
      bool after_indicator = std::string_view(":-[{,?").find(prev_token) != std::string_view::npos;
      if ((c == '"' || c == '\'') && prev == ' ' && after_indicator) {
        quote = c;
      } else if ((c == '&' || c == '*' || c == '!') && (prev == ' ' || prev == '[' || prev == '{' || prev == ',') &&
                 after_indicator) {
        return c == '*' ? "an alias" : c == '&' ? "an anchor" : "a tag";
      }
      if (c == '<' && text.substr(i, 3) == "<<:") return "a merge key (<<)";
      if (c != ' ') prev_token = c;
      prev = c;
    }
  }
  return "";
}

}  // namespace hybridctl::fix
