// `fix --write` over the input files: each patch goes to the file its
// target object was read from, all of one file's patches are spliced
// together (splice_file.h), and the outcome says per file what would be
// written and per patch why it was not.
#pragma once

#include <string>
#include <vector>

#include "fix/render.h"
#include "model/snapshot.h"

namespace hybridctl::fix {

struct FileEdit {
  std::string path;
  std::string before;  // the text read (the writer checks the file still holds it)
  std::string after;
  size_t patches = 0;  // how many were spliced into it
};

struct NotSpliced {
  RenderedPatch patch;
  std::string file;  // "" when the object was not read from a file
  std::string reason;
  // "deploy.yaml:14:9 spec.template.spec.affinity": where the field the
  // patch targets was read (field_location.h); "" when not recorded.
  std::string field;
};

struct ManifestEdits {
  std::vector<FileEdit> files;      // only files that change, in input order
  std::vector<NotSpliced> refused;  // the user must apply these another way
  // Patches whose guards failed because an earlier patch of the same object
  // already made the change (two findings asking for the same thing).
  std::vector<NotSpliced> superseded;
};

// A patch and where its target was read, when known (the finding's own
// object): objects of one identity may be read from several files (versions
// of one manifest side by side), and each file gets its own object's patch.
struct PatchOfObject {
  RenderedPatch patch;
  model::Origin origin;  // file UINT32_MAX: look the target up by identity
};

// `patches` in the order they should apply (duplicates are dropped). A patch
// whose field is no longer where the file held it when read (the file
// changed since) is refused, naming the field's line. So is a patch of an
// object read from the cluster profile (Snapshot::cluster_profile_files):
// editing it would change what the next audit reads, not the cluster.
ManifestEdits plan_manifest_edits(const model::Snapshot& snapshot, const std::vector<PatchOfObject>& patches);

}  // namespace hybridctl::fix
