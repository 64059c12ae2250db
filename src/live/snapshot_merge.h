// Moves the objects of one resource's snapshot into the cluster's, keeping
// their positions valid: file ids are indexes into Snapshot::files, and each
// resource was read into a snapshot of its own (concurrently).
#pragma once

#include <string>

#include "model/snapshot.h"

namespace hybridctl::live {

void merge_snapshot(model::Snapshot& into, model::Snapshot&& part);

// The API sends a List's items without apiVersion (the List names it once):
// gives them the group/version they were listed under, as a kubectl dump has.
void set_missing_api_version(model::Snapshot& snapshot, const std::string& api_version);

}  // namespace hybridctl::live
