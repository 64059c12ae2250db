// Moves the objects of one resource's snapshot into the cluster's, keeping
// their positions valid: file ids are indexes into Snapshot::files, and each
// resource was read into a snapshot of its own (concurrently).
#pragma once

#include "model/snapshot.h"

namespace hybridctl::live {

void merge_snapshot(model::Snapshot& into, model::Snapshot&& part);

}  // namespace hybridctl::live
