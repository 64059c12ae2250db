#include "fix/splice_manifests.h"

#include <map>
#include <optional>

#include "core/file_text.h"
#include "fix/field_location.h"
#include "fix/object_origins.h"
#include "fix/splice_file.h"

namespace hybridctl::fix {
ManifestEdits plan_manifest_edits(const model::Snapshot& snapshot, const std::vector<PatchOfObject>& patches) {
  ManifestEdits out;
  ObjectOrigins where(snapshot);
  // Per file, in input order: the patches, the lines of their objects and where their fields were read.
  struct Planned {
    RenderedPatch patch;
    uint32_t line;
    std::optional<FieldLocation> field;
    std::string where() const { return field ? field->text() : ""; }
  };
  std::map<uint32_t, std::vector<Planned>> by_file;
  std::vector<const PatchOfObject*> seen;
  for (const PatchOfObject& po : patches) {
    const RenderedPatch& p = po.patch;
    model::Origin origin = po.origin;
    if (origin.file == UINT32_MAX) origin = where.find(p.target).value_or(origin);
    bool duplicate = false;
    for (const PatchOfObject* s : seen) {
      duplicate = duplicate || (s->patch.target == p.target && s->patch.patch == p.patch &&
                                s->origin.file == origin.file && s->origin.line == origin.line);
    }
    if (duplicate) continue;
    seen.push_back(&po);
    if (origin.file >= snapshot.files.size() || snapshot.files[origin.file] == "-") {
      out.refused.push_back({p, "", "the object was not read from a file", ""});
      continue;
    }
    if (origin.file < snapshot.cluster_profile_files) {
      out.refused.push_back({p, snapshot.files[origin.file],
                             "read from --cluster-profile, which records the cluster: change the cluster itself "
                             "(the script's command), then read it again",
                             ""});
      continue;
    }
    by_file[origin.file].push_back({p, origin.line, locate_field(snapshot, origin, p.field)});
  }
  for (auto& [file, list] : by_file) {
    const std::string& path = snapshot.files[file];
    FileEdit edit;
    edit.path = path;
    std::optional<std::string> before = read_file_text(path);
    if (!before) {
      for (const Planned& p : list) out.refused.push_back({p.patch, path, "cannot read the file", p.where()});
      continue;
    }
    edit.before = std::move(*before);
    // A field no longer where it was read: the file changed since, and its
    // objects may no longer be the ones audited.
    std::vector<Planned> kept;
    for (Planned& p : list) {
      if (p.field && !still_in_place(edit.before, *p.field)) {
        out.refused.push_back(
            {p.patch, path,
             "the file changed since it was read: " + p.field->field_name() + " is no longer at " + p.field->place(),
             p.where()});
      } else {
        kept.push_back(std::move(p));
      }
    }
    std::vector<SplicePatch> splice;
    splice.reserve(kept.size());
    for (const Planned& p : kept) splice.push_back({p.patch.target, p.line, p.patch.patch});
    SpliceOutcome outcome = splice_file(edit.before, splice);
    std::vector<bool> applied(kept.size(), false);
    for (size_t i : outcome.applied) applied[i] = true;
    for (const SpliceRefusal& r : outcome.refused) {
      const Planned& refused = kept[r.patch];
      bool earlier_same_object = false;
      for (size_t j = 0; j < r.patch; ++j)
        earlier_same_object = earlier_same_object || (applied[j] && kept[j].patch.target == refused.patch.target);
      if (earlier_same_object && r.reason.starts_with("test failed")) {
        out.superseded.push_back({refused.patch, path, r.reason, refused.where()});
      } else {
        out.refused.push_back({refused.patch, path, r.reason, refused.where()});
      }
    }
    edit.patches = outcome.applied.size();
    edit.after = std::move(outcome.text);
    if (edit.after != edit.before) out.files.push_back(std::move(edit));
  }
  return out;
}

}  // namespace hybridctl::fix
