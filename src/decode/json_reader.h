// Reads JSON from a file descriptor without holding the whole file: the
// members of the top-level object are scanned one by one, and the elements
// of a top-level `items` array (a `kubectl get -o json` List) are parsed one
// at a time with simdjson in a reused padded buffer. Peak memory is the
// largest item plus a read window, not the file.
#pragma once

#include <cstdint>
#include <string>

#include "core/line_counter.h"
#include "decode/document_sink.h"

namespace hybridctl::decode {

struct JsonReadResult {
  bool ok = true;
  bool empty = false;  // only white space: no value at all
  LineCol error_at;
  std::string error;
};

// Calls `item_sink` for each element of a top-level `items` array (in
// order), then `root_sink` once with the top-level value minus `items`
// (members in document order; `items` is replaced by an empty array so the
// caller can tell a List). A top-level array hands each element to item_sink.
JsonReadResult read_json_stream(int fd, uint32_t file_id, const std::string& path,
                                const DocumentSink& item_sink, const DocumentSink& root_sink);

// Parses one complete JSON text held in memory.
JsonReadResult read_json_text(std::string_view text, uint32_t file_id, const std::string& path,
                              const DocumentSink& sink);

}  // namespace hybridctl::decode
