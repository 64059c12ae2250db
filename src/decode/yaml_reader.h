// Reads a YAML stream (one or more documents) into Values: each document
// with the block scanner when it is written in the block subset, else with
// libfyaml's event API (faster than its document API, and it lets us bound
// alias expansion and nesting ourselves); one builder serves both.
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
  // How the text was read: documents by the block scanner, ranges (one or
  // more documents) by libfyaml.
  size_t scanned_documents = 0;
  size_t libfyaml_ranges = 0;
  // Places the scanner read where libfyaml reads otherwise, by design
  // (BlockScanResult in yaml_block_scanner.h).
  size_t libfyaml_disagreements = 0;
};

// Auto reads each document with the block scanner (yaml_block_scanner.h)
// and falls back to libfyaml for documents outside its subset;
// LibfyamlOnly reads every document with libfyaml, the reference the
// scanner is tested against. Either way a stream is read one document (up
// to the next column-0 `---`) at a time, and fields no rule reads are
// skipped in documents without anchors.
enum class YamlEngine : uint8_t { Auto, LibfyamlOnly };

struct YamlReadOptions {
  YamlEngine engine = YamlEngine::Auto;
  // Consume the fields no rule reads without building them
  // (skipped_fields.h). Tests comparing the engines turn it off: a
  // document libfyaml reads skips nothing when it holds a '&' anywhere.
  bool skip_unread_fields = true;
};

// Parses `text` (the whole file) and calls `sink` once per non-empty document.
// On a syntax error returns !ok; documents already handed to the sink stay
// handed, so callers that want all-or-nothing stage them.
YamlReadResult read_yaml(std::string_view text, uint32_t file_id, const std::string& path, const DocumentSink& sink,
                         YamlReadOptions options = {});

// The same, on up to `parts` threads: the stream is cut at column-0 `---`
// markers (yaml_stream_split.h) and each part is parsed on its own thread
// into its own sink, taken from `sinks` in file order before any parsing
// starts. Returns the first error in file order.
YamlReadResult read_yaml_parallel(std::string_view text, uint32_t file_id, const std::string& path,
                                  const std::function<DocumentSink()>& sinks, unsigned parts);

// YAML 1.2 core-schema resolution of an untagged plain scalar.
Value::Kind resolve_plain_scalar(std::string_view text);

}  // namespace hybridctl::decode
