#include "cli/live_options.h"

#include "live/cluster_reader.h"
#include "live/progress.h"
#include "live/save.h"
#include "live/snapshot_merge.h"

namespace hybridctl::cli {

void add_live_options(CLI::App& app, LiveOptions& o) {
  app.add_flag("--live", o.live,
               "Read the cluster through kubectl (one `kubectl proxy` per context), or in a pod its service account");
  app.add_option("--context", o.contexts,
                 "kubeconfig context to read with --live (repeatable: one report per cluster)");
  app.add_option("--kubeconfig", o.kubeconfig, "kubeconfig file for --live (default: kubectl's)");
  app.add_option("--save", o.save_dir,
                 "With --live: write what was read (one file per resource) and a cluster profile");
}

size_t live_cluster_count(const LiveOptions& o) { return o.live && o.contexts.size() > 1 ? o.contexts.size() : 1; }

std::string live_cluster_name(const LiveOptions& o, size_t index) {
  return index < o.contexts.size() ? o.contexts[index] : "";
}

std::string load_live(const LiveOptions& o, size_t index, model::Snapshot& snapshot, Diagnostics& diagnostics) {
  if (!o.live) {
    if (!o.contexts.empty() || !o.kubeconfig.empty() || !o.save_dir.empty())
      return "--context, --kubeconfig and --save need --live";
    return {};
  }
  if (o.contexts.size() > 1 && !o.several_clusters)
    return "this command reads one cluster: give one --context (audit takes several)";
  live::ClusterReadOptions read;
  read.kubeconfig = o.kubeconfig;
  read.context = live_cluster_name(o, index);
  read.context_given = !o.contexts.empty();
  read.progress = live::progress_wanted(o.quiet);
  if (!o.save_dir.empty()) read.save_dir = o.contexts.size() > 1 ? o.save_dir + "/" + read.context : o.save_dir;
  live::ClusterRead cluster = live::read_cluster(read);
  if (!cluster.fatal.empty()) return cluster.fatal;
  live::merge_snapshot(snapshot, std::move(cluster.snapshot));
  diagnostics.append(cluster.diagnostics);
  // The flag wins over what the API server says (CLI.md "Cluster facts").
  if (snapshot.facts.kubernetes_version.empty()) snapshot.facts.kubernetes_version = cluster.kubernetes_version;
  if (!read.save_dir.empty()) {
    std::string error;
    if (!live::write_cluster_profile(read.save_dir, snapshot, cluster.kubernetes_version, error))
      diagnostics.error(Location{read.save_dir}, "--save: " + error);
  }
  return {};
}

}  // namespace hybridctl::cli
