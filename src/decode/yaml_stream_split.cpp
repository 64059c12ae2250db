#include "decode/yaml_stream_split.h"

namespace hybridctl::decode {
namespace {

// True when a line starting at `i` is a document-start marker.
bool is_document_start(std::string_view text, size_t i) {
  if (text.compare(i, 3, "---") != 0) return false;
  if (i + 3 == text.size()) return true;
  char next = text[i + 3];
  return next == '\n' || next == '\r' || next == ' ' || next == '\t';
}

}  // namespace

bool has_yaml_directive(std::string_view text) {
  if (!text.empty() && text[0] == '%') return true;
  return text.find("\n%") != std::string_view::npos;
}

std::vector<size_t> yaml_part_starts(std::string_view text, size_t parts) {
  std::vector<size_t> starts{0};
  if (parts <= 1 || has_yaml_directive(text)) return starts;
  for (size_t k = 1; k < parts; ++k) {
    size_t from = text.size() / parts * k;
    if (from <= starts.back()) from = starts.back() + 1;
    // The next line start at or after `from` that holds a marker.
    for (size_t nl = text.find('\n', from ? from - 1 : 0); nl != std::string_view::npos; nl = text.find('\n', nl + 1)) {
      if (is_document_start(text, nl + 1)) {
        starts.push_back(nl + 1);
        break;
      }
    }
    if (starts.size() != k + 1) break;  // no marker after this point
  }
  return starts;
}

}  // namespace hybridctl::decode
