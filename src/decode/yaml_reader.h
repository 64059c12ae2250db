// Reads a YAML stream (one or more documents) into Values with libfyaml's
// event API, which is faster than its document API and lets us bound alias
// expansion and nesting ourselves.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/diagnostic.h"
#include "decode/document_sink.h"

namespace hybridctl::decode {

struct YamlReadResult {
  bool ok = true;
  LineCol error_at;
  std::string error;  // the first error, when !ok
};

// Parses `text` (the whole file) and calls `sink` once per non-empty document.
// On a syntax error returns !ok; documents already handed to the sink stay
// handed, so callers that want all-or-nothing stage them.
YamlReadResult read_yaml(std::string_view text, uint32_t file_id, const std::string& path,
                         const DocumentSink& sink);

// The same, on up to `parts` threads: the stream is cut at column-0 `---`
// markers (yaml_stream_split.h) and each part is parsed on its own thread
// into its own sink, taken from `sinks` in file order before any parsing
// starts. Returns the first error in file order.
YamlReadResult read_yaml_parallel(std::string_view text, uint32_t file_id, const std::string& path,
                                  const std::function<DocumentSink()>& sinks, unsigned parts);

// YAML 1.2 core-schema resolution of an untagged plain scalar.
Value::Kind resolve_plain_scalar(std::string_view text);

}  // namespace hybridctl::decode
