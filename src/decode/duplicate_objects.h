// The same object read twice — a dump plus nodes.yaml, a cluster profile that
// repeats the dump's nodes — is one object: counts, placement capacity and
// findings must not double.
#pragma once

#include "core/diagnostic.h"
#include "model/snapshot.h"

namespace hybridctl::decode {

// Keeps one copy of each object by (API group, kind, namespace, name): an
// identical copy (everything hybridctl reads but its position) merges
// silently; copies that differ keep the later one, with a note naming both
// positions.
void merge_duplicate_objects(model::Snapshot& snapshot, Diagnostics& diagnostics);

}  // namespace hybridctl::decode
