// Calico selector expressions (IPPool / BGPPeer nodeSelector): a recursive
// descent parser over untrusted text, so deep parentheses and long inputs
// must not exhaust the stack.
#include <cstdint>

#include "fuzz_support.h"
#include "k8s/calico_selector.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hybridctl;
  static const StringMap labels = [] {
    StringMap m;
    m.set("kubernetes.io/hostname", "mi-1");
    m.set("eks.amazonaws.com/compute-type", "hybrid");
    m.set("zone", "");
    return m;
  }();
  k8s::calico_selector_matches(fuzz::as_text(data, size), labels);
  return 0;
}
