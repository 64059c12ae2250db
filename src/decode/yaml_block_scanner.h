// A fast reader for the YAML that clusters are written in: block mappings
// and sequences (compact or indented), one-line plain and quoted scalars,
// literal block scalars, flow collections that end on their line, and
// comments. That is most of what kubectl, Helm and hand-written manifests
// hold, and it is read here at several times libfyaml's speed, straight
// into the same events (yaml_event.h).
//
// Anything else (anchors, aliases, tags, folded or multi-line scalars,
// tabs in indentation, directives, `...`, unusual characters) and anything
// invalid makes it give up on the document, which libfyaml then reads: the
// scanner only reads text whose events libfyaml would give the same (pinned
// by tests and a differential fuzzer, fuzz/yaml_block_scanner_fuzz.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "decode/yaml_event.h"

namespace hybridctl::decode {

inline constexpr size_t kOutsideBlockSubset = static_cast<size_t>(-1);

struct BlockScanResult {
  // Where the next document starts (its `---` line, or the text's size);
  // kOutsideBlockSubset when the document is not in the subset or the
  // handler refused an event.
  size_t next = kOutsideBlockSubset;
  // Where the scanner and libfyaml read the document differently, by
  // design: an empty block scalar followed by a line indented like its key
  // (`r: |` then `n: 1`). YAML, and go-yaml (hence kubectl), read an empty
  // scalar and a sibling `n`; libfyaml 0.7.12 takes the lines as the
  // scalar's content, at times with uninitialised bytes in it.
  size_t libfyaml_disagreements = 0;
};

// Reads the document of `text` that starts at `begin` (a line start: the
// text's start, or a `---` line) and sends its events to `out`, offsets
// counted from the start of `text`.
BlockScanResult scan_block_document(std::string_view text, size_t begin, YamlEventHandler& out);

}  // namespace hybridctl::decode
