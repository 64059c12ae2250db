// Reads JSON from a file descriptor without holding the whole file: the
// members of the top-level object are scanned one by one, and the elements
// of a top-level `items` array (a `kubectl get -o json` List) are parsed one
// at a time with simdjson, in batches of a few MB on worker threads. Peak
// memory is a few batches plus a read window, not the file.
#pragma once

#include <cstdint>
#include <string>

#include "core/line_counter.h"
#include "decode/document_sink.h"
#include "decode/item_batches.h"

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
JsonReadResult read_json_stream(int fd, uint32_t file_id, const std::string& path, const DocumentSink& item_sink,
                                const DocumentSink& root_sink);

// The same, with the items parsed and decoded on `threads` worker threads
// (1: on this thread) in batches; each batch takes its own sink from
// `item_sinks` (see item_batches.h). Every item sink has returned before
// root_sink is called. `key_offsets`: whether the items' members record
// where their keys start (see json_value_builder.h).
JsonReadResult read_json_stream(int fd, uint32_t file_id, const std::string& path, const ItemSinkFactory& item_sinks,
                                const DocumentSink& root_sink, unsigned threads,
                                KeyOffsets key_offsets = KeyOffsets::Record);

// Parses one complete JSON text held in memory.
JsonReadResult read_json_text(std::string_view text, uint32_t file_id, const std::string& path,
                              const DocumentSink& sink, KeyOffsets key_offsets = KeyOffsets::Record);

}  // namespace hybridctl::decode
