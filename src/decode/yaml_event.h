// The YAML parse events a Value is built from, whichever parser produced
// them: libfyaml (any YAML) or the block scanner (yaml_block_scanner.h, the
// block-style subset that kubectl and most manifests are written in). Both
// feed one builder, so a document reads the same through either.
#pragma once

#include <cstdint>
#include <string_view>

namespace hybridctl::decode {

enum class YamlEventType : uint8_t {
  DocumentStart,
  MappingStart,
  MappingEnd,
  SequenceStart,
  SequenceEnd,
  Scalar,
  Alias,
  Other,  // stream start/end, document end: nothing to build
};

// The offset of a node the text does not show (an empty value): the
// builder gives it the position of the node before it.
inline constexpr uint64_t kNoPosition = UINT64_MAX;

struct YamlEvent {
  YamlEventType type = YamlEventType::Other;
  // A plain (unquoted, not block) scalar: untagged, its kind is resolved from
  // its text under the YAML 1.2 core schema.
  bool plain = false;
  uint64_t offset = 0;      // where the node starts, from the start of the text read; or kNoPosition
  std::string_view text;    // a scalar's value (unescaped), an alias's anchor name
  std::string_view anchor;  // the node's anchor, if any
  std::string_view tag;     // the node's tag, if any
};

class YamlEventHandler {
 public:
  virtual ~YamlEventHandler() = default;
  // False stops the parser: the handler refused the event and keeps why.
  virtual bool on_event(const YamlEvent& e) = 0;
};

}  // namespace hybridctl::decode
