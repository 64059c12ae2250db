// Folds hashes of parts into one, order-sensitively (FNV-1a's step over
// whole words): the one combiner of the hashes built from parts, such as the
// model's content hashes and the keys of identity caches.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace hybridctl {

inline constexpr size_t kHashSeed = 0xcbf29ce484222325ULL;

inline size_t hash_mix(size_t seed, size_t part) { return (seed ^ part) * 0x100000001b3ULL; }

inline size_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }
inline size_t hash_of(const void* p) { return std::hash<const void*>{}(p); }

}  // namespace hybridctl
