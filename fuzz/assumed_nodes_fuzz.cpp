// `--assume-nodes cloud:us-west-2a=3,hybrid:onprem=2`: a flag parser that
// allocates nodes, so counts must be bounded rather than trusted.
#include <cstdint>

#include "decode/assumed_nodes.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hybridctl;
  std::vector<model::Node> nodes;
  decode::add_assumed_nodes(fuzz::as_text(data, size), nodes);
  return 0;
}
