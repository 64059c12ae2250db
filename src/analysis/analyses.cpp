#include "analysis/analyses.h"

namespace hybridctl::analysis {

const Routability& Analyses::routability() {
  if (!routability_) routability_ = std::make_unique<Routability>(snapshot_);
  return *routability_;
}

const std::vector<Backend>& Analyses::backends() {
  if (!backends_) backends_ = find_backends(snapshot_);
  return *backends_;
}

bool Analyses::has_hybrid_nodes() const {
  for (const auto& n : snapshot_.nodes) {
    if (n.is_hybrid()) return true;
  }
  return false;
}

bool Analyses::has_cloud_nodes() const {
  for (const auto& n : snapshot_.nodes) {
    if (!n.is_hybrid()) return true;
  }
  return false;
}

}  // namespace hybridctl::analysis
