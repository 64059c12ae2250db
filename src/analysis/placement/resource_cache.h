// Per-node answers of the NodeResources plugins, cached per request shape
// (the four numbers of PodRequests): replicas and most templates share a few
// shapes, and a node's answer changes only when a pod is bound to it, so a
// cycle reads one cached value per candidate instead of recomputing divisions.
// Invalidation is O(1) per bind: each node carries a version, and an entry is
// valid only for the version it was computed at.
#pragma once

#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "analysis/placement/node_table.h"
#include "analysis/placement/pod_templates.h"

namespace hybridctl::analysis::placement {

template <typename Value>
class ResourceCache {
  // Declared before View, which holds pointers to it (clang requires it).
  struct Entry {
    uint32_t version = 0;  // 0: never computed (node versions start at 1)
    Value value{};
  };

 public:
  // The shape index of a template's requests (interned on first use).
  int32_t shape_of(TemplateId t, const PodRequests& q) {
    if (shape_by_template_.size() <= static_cast<size_t>(t)) shape_by_template_.resize(t + 1, -1);
    int32_t& s = shape_by_template_[t];
    if (s < 0) {
      auto key = std::make_tuple(q.cpu_milli, q.memory_bytes, q.nonzero_cpu_milli, q.nonzero_memory_bytes);
      auto [it, added] = shapes_.emplace(key, static_cast<int32_t>(entries_.size()));
      if (added) entries_.emplace_back();
      s = it->second;
    }
    return s;
  }
  // One shape's cached values, for a loop over candidates: `get` returns the
  // value for node n, computing it with `compute()` when stale.
  class View {
   public:
    template <typename Compute>
    Value get(NodeId n, Compute&& compute) const {
      auto& e = entries_[n];
      if (e.version != versions_[n]) {
        e.value = compute();
        e.version = versions_[n];
      }
      return e.value;
    }

   private:
    friend class ResourceCache;
    View(typename ResourceCache::Entry* entries, const uint32_t* versions) : entries_(entries), versions_(versions) {}
    typename ResourceCache::Entry* entries_;
    const uint32_t* versions_;
  };
  View view(int32_t shape) {
    std::vector<Entry>& column = entries_[shape];
    if (column.size() < versions_.size()) column.resize(versions_.size());
    return View(column.data(), versions_.data());
  }
  void resize(size_t nodes) { versions_.assign(nodes, 1); }
  void invalidate(NodeId n) { ++versions_[n]; }

 private:
  std::map<std::tuple<int64_t, int64_t, int64_t, int64_t>, int32_t> shapes_;
  std::vector<int32_t> shape_by_template_;
  std::vector<std::vector<Entry>> entries_;
  std::vector<uint32_t> versions_;
};

}  // namespace hybridctl::analysis::placement
