// Makes equal parts of decoded objects share one copy. The pods of one
// ReplicaSet repeat the same labels, annotations, owner reference,
// tolerations, containers and affinity; a large cluster's 150,000 pods hold
// about 2 KB each of such copies. The decoders stay plain: after each item,
// the interner visits what was appended to the snapshot since its last call
// and points every such part at the copy it already holds, if equal
// (SharedList, SharedOptional and StringMap share storage on copy). Equal
// values stay equal: sharing changes no result, only the memory.
//
// One interner per batch of items (one thread): it needs no lock, and the
// pods of a ReplicaSet sit together in a List. Its tables go when it does;
// what they shared lives on in the snapshot.
#pragma once

#include <cstddef>
#include <unordered_map>

#include "model/content_hash.h"
#include "model/snapshot.h"

namespace hybridctl::decode {

class ModelInterner {
 public:
  // Interns the objects appended to `snapshot` since the last call (the
  // pods, workloads, Services and EndpointSlices: the kinds a cluster has
  // thousands of).
  void intern_new(model::Snapshot& snapshot);
  // Leaves the objects already in `snapshot` as they are: the next
  // intern_new starts after them.
  void skip_existing(const model::Snapshot& snapshot);

 private:
  void intern(model::ObjectMeta& meta);
  void intern(model::PodSpec& spec);

  // Equal values by content hash; a copy shares the value's storage.
  template <typename T>
  class Table {
   public:
    // Points `value` at an equal earlier value's storage, or remembers it.
    void intern(T& value) {
      if (value.storage_id() == nullptr) return;  // empty: nothing to share
      size_t h = model::content_hash(value);
      auto [first, last] = seen_.equal_range(h);
      for (auto it = first; it != last; ++it) {
        if (it->second == value) {
          value = it->second;
          return;
        }
      }
      seen_.emplace(h, value);
    }

   private:
    std::unordered_multimap<size_t, T> seen_;
  };

  Table<StringMap> maps_;
  Table<SharedList<model::OwnerReference>> owners_;
  Table<SharedList<model::Toleration>> tolerations_;
  Table<SharedList<model::TopologySpreadConstraint>> spreads_;
  Table<SharedList<model::Container>> containers_;
  Table<SharedOptional<model::Affinity>> affinities_;
  size_t pods_ = 0, workloads_ = 0, services_ = 0, slices_ = 0;  // how many were interned
};

}  // namespace hybridctl::decode
