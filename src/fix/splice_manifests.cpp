#include "fix/splice_manifests.h"

#include <fstream>
#include <map>
#include <sstream>

#include "fix/splice_file.h"

namespace hybridctl::fix {
namespace {

std::string identity(const model::ObjectRef& r) { return r.kind + "\n" + r.ns + "\n" + r.name; }

template <typename T>
void index_objects(const std::vector<T>& objects, std::map<std::string, model::Origin>& out) {
  for (const T& o : objects) {
    if (o.origin.file != UINT32_MAX) out.emplace(identity(o.ref()), o.origin);
  }
}

// Where every object of the snapshot was read.
std::map<std::string, model::Origin> origins(const model::Snapshot& s) {
  std::map<std::string, model::Origin> out;
  index_objects(s.workloads, out);
  index_objects(s.pods, out);
  index_objects(s.services, out);
  index_objects(s.config_maps, out);
  index_objects(s.webhook_configurations, out);
  index_objects(s.api_services, out);
  index_objects(s.crds, out);
  index_objects(s.namespaces, out);
  index_objects(s.nodes, out);
  index_objects(s.endpoint_slices, out);
  index_objects(s.ingresses, out);
  index_objects(s.target_group_bindings, out);
  index_objects(s.cluster_role_bindings, out);
  index_objects(s.otel_collectors, out);
  index_objects(s.pod_pools, out);
  index_objects(s.bgp_advertisers, out);
  index_objects(s.cilium_nodes, out);
  index_objects(s.unknown, out);
  return out;
}

bool read_all(const std::string& path, std::string& out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::stringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  return true;
}

}  // namespace

ManifestEdits plan_manifest_edits(const model::Snapshot& snapshot, const std::vector<PatchOfObject>& patches) {
  ManifestEdits out;
  std::map<std::string, model::Origin> where = origins(snapshot);
  // Per file, in input order: the patches and the lines of their objects.
  std::map<uint32_t, std::vector<std::pair<RenderedPatch, uint32_t>>> by_file;
  std::vector<const PatchOfObject*> seen;
  for (const PatchOfObject& po : patches) {
    const RenderedPatch& p = po.patch;
    model::Origin origin = po.origin;
    if (origin.file == UINT32_MAX) {
      auto it = where.find(identity(p.target));
      if (it != where.end()) origin = it->second;
    }
    bool duplicate = false;
    for (const PatchOfObject* s : seen) {
      duplicate = duplicate || (s->patch.target == p.target && s->patch.patch == p.patch &&
                                s->origin.file == origin.file && s->origin.line == origin.line);
    }
    if (duplicate) continue;
    seen.push_back(&po);
    if (origin.file >= snapshot.files.size() || snapshot.files[origin.file] == "-") {
      out.refused.push_back({p, "", "the object was not read from a file"});
      continue;
    }
    by_file[origin.file].emplace_back(p, origin.line);
  }
  for (auto& [file, list] : by_file) {
    const std::string& path = snapshot.files[file];
    FileEdit edit;
    edit.path = path;
    if (!read_all(path, edit.before)) {
      for (auto& [p, line] : list) out.refused.push_back({p, path, "cannot read the file"});
      continue;
    }
    std::vector<SplicePatch> splice;
    for (auto& [p, line] : list) splice.push_back({p.target, line, p.patch});
    SpliceOutcome outcome = splice_file(edit.before, splice);
    std::vector<bool> applied(list.size(), false);
    for (size_t i : outcome.applied) applied[i] = true;
    for (const SpliceRefusal& r : outcome.refused) {
      bool earlier_same_object = false;
      for (size_t j = 0; j < r.patch; ++j)
        earlier_same_object = earlier_same_object || (applied[j] && list[j].first.target == list[r.patch].first.target);
      if (earlier_same_object && r.reason.starts_with("test failed")) {
        out.superseded.push_back({list[r.patch].first, path, r.reason});
      } else {
        out.refused.push_back({list[r.patch].first, path, r.reason});
      }
    }
    edit.patches = outcome.applied.size();
    edit.after = std::move(outcome.text);
    if (edit.after != edit.before) out.files.push_back(std::move(edit));
  }
  return out;
}

}  // namespace hybridctl::fix
