#include "analysis/placement/plugin_probe.h"

#include "analysis/ownership.h"
#include "analysis/placement/plugins/plugins.h"

namespace hybridctl::analysis::placement {

PluginProbe probe_plugin(const model::Snapshot& snapshot, const model::Pod& incoming, std::string_view name) {
  PluginProbe out;
  std::vector<const model::Node*> node_list;
  node_list.reserve(snapshot.nodes.size());
  for (const model::Node& n : snapshot.nodes) node_list.push_back(&n);
  SchedulingState state(snapshot, NodeTable(std::move(node_list)));
  std::unique_ptr<Plugin> plugin;
  for (auto& p : default_plugins(state)) {
    if (p->name() == name) plugin = std::move(p);
  }
  if (!plugin) return out;
  out.known_plugin = true;
  struct Bound {
    TemplateId template_id;
    NodeId node;
    bool terminating;
  };
  std::vector<Bound> existing;
  for (const model::Pod& p : snapshot.pods) {
    NodeId n = state.nodes.find(p.spec.node_name);
    if (n < 0) continue;
    existing.push_back(
        {state.templates.intern(p.meta.ns, p.meta.labels, p.spec, workload_of_pod(snapshot, p)), n, p.meta.deleting});
  }
  TemplateId t = state.templates.intern(incoming.meta.ns, incoming.meta.labels, incoming.spec,
                                        workload_of_pod(snapshot, incoming));
  for (TemplateId i = 0; i < static_cast<TemplateId>(state.templates.size()); ++i) plugin->prepare(i);
  for (const Bound& b : existing) {
    PodTemplateInfo& info = state.templates.at(b.template_id);
    state.nodes.add_pod(b.node, info.requests);
    state.counters.on_bind(info, b.node, b.terminating);
    info.placed[b.node] += 1;
    plugin->on_bind(b.template_id, b.node);
  }
  std::vector<NodeId> all;
  all.reserve(state.nodes.size());
  for (NodeId n = 0; n < static_cast<NodeId>(state.nodes.size()); ++n) all.push_back(n);
  std::vector<NodeId> passing;
  for (NodeId n : all) {
    if (!plugin->has_static_filter() || plugin->static_filter(state.templates.at(t), state.nodes.node(n))) {
      passing.push_back(n);
    }
  }
  if (plugin->has_dynamic_filter()) plugin->filter(t, passing);
  for (NodeId n : passing) out.feasible.push_back(state.nodes.node(n).meta.name);
  if (plugin->score_weight() > 0) {
    std::vector<int64_t> scores(all.size());
    ScoreStatus status = plugin->score(t, all, scores);
    out.score_error = status == ScoreStatus::Error;
    for (NodeId n : all) {
      // A skipped plugin contributes 0 to every node (what upstream's tests expect).
      if (status != ScoreStatus::Error) {
        out.scores[state.nodes.node(n).meta.name] = status == ScoreStatus::Skip ? 0 : scores[n];
      }
    }
  }
  return out;
}

}  // namespace hybridctl::analysis::placement
