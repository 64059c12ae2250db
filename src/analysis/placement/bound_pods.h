// The snapshot's pods that every placement binds before it schedules
// anything (spec.nodeName naming a node of the input, not Succeeded or
// Failed), grouped by scheduling template once per snapshot. A placement then
// interns one template per group instead of fingerprinting every pod: an
// audit runs one placement per keep-in-cloud fix it checks, and each used to
// fingerprint all 150,000 pods of a large cluster again.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/snapshot.h"

namespace hybridctl::analysis::placement {

struct BoundPodGroup {
  const model::Pod* representative = nullptr;  // its spec (nodeName aside) and labels are the group's
  const model::Workload* owner = nullptr;      // the top-level workload, or nullptr
  std::string fingerprint;                     // template_fingerprint of the group, kept for interning
};

struct BoundPod {
  uint32_t group = 0;
  uint32_t node = 0;  // index into snapshot.nodes
  bool deleting = false;
};

class BoundPods {
 public:
  explicit BoundPods(const model::Snapshot& snapshot);

  const std::vector<BoundPodGroup>& groups() const { return groups_; }
  const std::vector<BoundPod>& pods() const { return pods_; }  // in the snapshot's pod order

 private:
  std::vector<BoundPodGroup> groups_;
  std::vector<BoundPod> pods_;
};

}  // namespace hybridctl::analysis::placement
