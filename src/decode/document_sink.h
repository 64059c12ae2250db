// What a reader hands on: one top-level document at a time, with the means
// to turn its offsets into line:column while its bytes are still in memory.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/line_counter.h"
#include "core/value.h"

namespace hybridctl::decode {

struct DocumentContext {
  uint32_t file_id = 0;
  const std::string* path = nullptr;
  LineCounter* lines = nullptr;  // valid only during the callback
};

using DocumentSink = std::function<void(Value&& root, const DocumentContext& ctx)>;

// Readers stop descending at this depth: Kubernetes objects nest a few dozen
// levels (CRD schemas the deepest); hostile input nests 100,000.
inline constexpr int kMaxNestingDepth = 512;

}  // namespace hybridctl::decode
