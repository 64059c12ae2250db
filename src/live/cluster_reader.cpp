#include "live/cluster_reader.h"

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>

#include "core/parallel.h"
#include "live/discovery.h"
#include "live/in_cluster.h"
#include "live/kubectl_proxy.h"
#include "live/list_reader.h"
#include "live/progress.h"
#include "live/resource_table.h"
#include "live/save.h"
#include "live/snapshot_merge.h"
#include "net/http_client.h"

namespace hybridctl::live {
namespace {

// Clients for the lists read at once; each keeps its connection alive from
// one resource to the next.
class ClientPool {
 public:
  explicit ClientPool(net::HttpEndpoint endpoint) : endpoint_(std::move(endpoint)) {}
  std::unique_ptr<net::HttpClient> take() {
    std::lock_guard lock(mutex_);
    if (free_.empty()) return std::make_unique<net::HttpClient>(endpoint_);
    auto c = std::move(free_.back());
    free_.pop_back();
    return c;
  }
  void give_back(std::unique_ptr<net::HttpClient> c) {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(c));
  }

 private:
  net::HttpEndpoint endpoint_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<net::HttpClient>> free_;
};

struct Planned {
  const ResourceSpec* spec;
  std::string version;
};

std::string forbidden_note(const ResourceSpec& spec, const std::string& verb, const std::string& message) {
  return "cannot " + verb + " " + resource_label(spec) + ": forbidden (the RBAC role needs verb \"" + verb +
         "\" on resource \"" + spec.resource + "\" in API group \"" + spec.group +
         "\"; see deploy/rbac-readonly.yaml); the rules that read it ran without it (the note on inputs not checked "
         "names them)" +
         (message.empty() ? "" : " [" + message + "]");
}

}  // namespace

ClusterRead read_cluster(const ClusterReadOptions& options) {
  ClusterRead out;
  net::HttpEndpoint endpoint;
  std::unique_ptr<KubectlProxy> proxy;
  std::shared_ptr<TokenFile> token;
  out.in_cluster = in_cluster_applies(options.kubeconfig, options.context_given);
  if (out.in_cluster) {
    out.name = "in-cluster";
    if (!in_cluster_endpoint(endpoint, token, out.fatal)) return out;
  } else {
    out.name = options.context;
    proxy = KubectlProxy::start(options.kubeconfig, options.context, out.fatal);
    if (!proxy) {
      out.fatal = "kubectl proxy" + std::string(options.context.empty() ? "" : " --context " + options.context) + ": " +
                  out.fatal;
      return out;
    }
    endpoint.port = proxy->port();
  }
  auto with_kubectl_output = [&](std::string message) {
    if (proxy) {
      std::string said = proxy->recent_output();
      if (!said.empty()) message += " (kubectl: " + said + ")";
    }
    return message;
  };

  Discovery discovery;
  ClientPool pool(endpoint);
  {
    auto client = pool.take();
    if (!discover(*client, discovery, out.fatal)) {
      out.fatal = with_kubectl_output("cannot read the API of " +
                                      (out.name.empty() ? "the current context" : out.name) + ": " + out.fatal);
      return out;
    }
    pool.give_back(std::move(client));
  }
  out.kubernetes_version = major_minor(discovery.git_version);

  std::vector<Planned> plan;
  for (const ResourceSpec& spec : resource_table()) {
    for (const std::string& v : spec.versions) {
      if (discovery.served_version(spec.group, v)) {
        plan.push_back({&spec, v});
        break;
      }
    }
    // An API group that is not served (no Cilium, no OpenTelemetry operator) is skipped quietly.
  }
  if (!options.save_dir.empty()) {
    std::error_code ec;  // a failure shows when the first file cannot be created
    std::filesystem::create_directories(options.save_dir, ec);
  }

  Progress progress(out.name, options.progress);
  progress.set_total(plan.size());
  std::vector<std::optional<ResourceRead>> reads(plan.size());
  std::vector<std::string> save_errors(plan.size());
  parallel_for(plan.size(), std::max(1u, options.connections), [&](size_t i) {
    const ResourceSpec& spec = *plan[i].spec;
    progress.started(resource_label(spec));
    std::unique_ptr<SavedResource> saved;
    ListOptions list;
    list.page_size = options.page_size;
    list.source_name = (out.name.empty() ? std::string("live") : out.name) + ":" + resource_label(spec);
    list.object_counter = &progress.objects();
    if (!options.save_dir.empty()) {
      saved = std::make_unique<SavedResource>(options.save_dir, spec);
      list.recorder = &saved->recorder();
    }
    auto client = pool.take();
    reads[i] = read_resource(*client, spec, plan[i].version, list);
    pool.give_back(std::move(client));
    if (saved && reads[i]->outcome == ReadOutcome::Read) saved->commit(save_errors[i]);
    progress.finished(resource_label(spec));
  });

  // Merged in the table's order, whatever order they finished in: the
  // snapshot (and so the report) does not depend on timing.
  for (size_t i = 0; i < plan.size(); ++i) {
    ResourceRead& r = *reads[i];
    const ResourceSpec& spec = *plan[i].spec;
    Location where{(out.name.empty() ? std::string("live") : out.name) + ":" + resource_label(spec)};
    switch (r.outcome) {
      case ReadOutcome::Read:
        out.objects += r.objects;
        set_missing_api_version(r.snapshot, spec.group.empty() ? plan[i].version : spec.group + "/" + plan[i].version);
        merge_snapshot(out.snapshot, std::move(r.snapshot));
        out.diagnostics.append(r.diagnostics);
        if (r.restarts > 0) {
          out.diagnostics.note(where, "the list restarted " + std::to_string(r.restarts) +
                                          " time(s) after its continue token expired (410 Gone)");
        }
        break;
      case ReadOutcome::Absent:
        break;
      case ReadOutcome::Forbidden:
        out.diagnostics.note(where, forbidden_note(spec, r.verb, r.message));
        break;
      case ReadOutcome::Failed:
        out.diagnostics.error(where, with_kubectl_output(r.message));
        break;
    }
    if (!save_errors[i].empty()) out.diagnostics.error(Location{options.save_dir}, "--save: " + save_errors[i]);
  }
  return out;
}

}  // namespace hybridctl::live
