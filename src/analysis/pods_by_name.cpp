#include "analysis/pods_by_name.h"

namespace hybridctl::analysis {

void PodsByName::add(std::span<const model::Pod> pods) {
  pods_.reserve(pods_.size() + pods.size());
  for (const model::Pod& p : pods) pods_.emplace(NsName{p.meta.ns, p.meta.name}, &p);
}

const model::Pod* PodsByName::find(std::string_view ns, std::string_view name) const {
  auto it = pods_.find(NsName{ns, name});
  return it == pods_.end() ? nullptr : it->second;
}

}  // namespace hybridctl::analysis
