#include "decode/yaml_stream_split.h"

namespace hybridctl::decode {

bool is_yaml_document_start(std::string_view text, size_t i) {
  if (text.compare(i, 3, "---") != 0) return false;
  if (i + 3 == text.size()) return true;
  char next = text[i + 3];
  return next == '\n' || next == '\r' || next == ' ' || next == '\t';
}

size_t next_yaml_document_start(std::string_view text, size_t from) {
  for (size_t nl = text.find('\n', from); nl != std::string_view::npos; nl = text.find('\n', nl + 1)) {
    if (is_yaml_document_start(text, nl + 1)) return nl + 1;
  }
  return text.size();
}

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
    size_t marker = next_yaml_document_start(text, from ? from - 1 : 0);
    if (marker == text.size()) break;  // no marker after this point
    starts.push_back(marker);
  }
  return starts;
}

}  // namespace hybridctl::decode
