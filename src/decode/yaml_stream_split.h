// Cuts a multi-document YAML stream into parts that parse independently, so
// that a large file is read on several threads. A cut is made only just
// before a document-start marker at column 0 (`---` alone, or followed by a
// space or tab): such a line always ends the document before it (YAML 1.2
// forbids it inside any scalar), and anchors never cross documents.
// Streams with directives (`%YAML`, `%TAG` lines) are never cut: a directive
// belongs to the document after it.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace hybridctl::decode {

// Offsets where parts start, the first always 0: at most `parts` of them,
// each cut at the first marker at or after an equal share of the text.
std::vector<size_t> yaml_part_starts(std::string_view text, size_t parts);

// Whether the text has a line starting with '%' (a directive, or an error).
bool has_yaml_directive(std::string_view text);

// Whether the line starting at `i` is a document-start marker.
bool is_yaml_document_start(std::string_view text, size_t i);

// The first line start after `from` that holds a marker, or text.size().
size_t next_yaml_document_start(std::string_view text, size_t from);

}  // namespace hybridctl::decode
