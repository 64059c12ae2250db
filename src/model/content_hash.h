// Hashes of model values by content, for interning (decode/model_interner.h):
// values that compare equal hash equal. Each covers every field its type's
// operator== compares, so unequal values of one template rarely collide.
#pragma once

#include <cstddef>

#include "core/hash_mix.h"
#include "core/shared_list.h"
#include "core/shared_optional.h"
#include "core/string_map.h"
#include "model/object_meta.h"
#include "model/scheduling.h"
#include "model/workloads.h"

namespace hybridctl::model {

size_t content_hash(const StringMap& map);
size_t content_hash(const OwnerReference& owner);
size_t content_hash(const Toleration& toleration);
size_t content_hash(const TopologySpreadConstraint& constraint);
size_t content_hash(const Container& container);
size_t content_hash(const Affinity& affinity);

template <typename T>
size_t content_hash(const SharedList<T>& list) {
  size_t h = hash_mix(kHashSeed, list.size());
  for (const T& item : list) h = hash_mix(h, content_hash(item));
  return h;
}

template <typename T>
size_t content_hash(const SharedOptional<T>& value) {
  return value ? content_hash(*value) : 0;
}

// Every field PodSpec's operator== compares (keys of memoised simulations).
size_t content_hash(const PodSpec& spec);

}  // namespace hybridctl::model
