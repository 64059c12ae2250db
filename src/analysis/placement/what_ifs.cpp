#include "analysis/placement/what_ifs.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "analysis/ownership.h"
#include "core/cidr.h"

namespace hybridctl::analysis::placement {

std::string parse_add_nodes(std::string_view spec, WhatIfs& out) {
  const std::string quoted = "\"" + std::string(spec) + "\"";
  size_t colon = spec.find(':'), eq = spec.find('=');
  if (colon == std::string_view::npos || eq == std::string_view::npos || eq < colon) {
    return "--add-nodes: expected ENV:ZONE=N[/POD_CIDR], got " + quoted;
  }
  AddNodes a;
  std::string_view env = spec.substr(0, colon);
  if (env == "cloud") {
    a.environment = model::Environment::Cloud;
  } else if (env == "hybrid") {
    a.environment = model::Environment::Hybrid;
  } else {
    return "--add-nodes: ENV must be cloud or hybrid, got \"" + std::string(env) + "\"";
  }
  a.zone = std::string(spec.substr(colon + 1, eq - colon - 1));
  if (a.zone.empty()) return "--add-nodes: empty zone in " + quoted;
  std::string_view rest = spec.substr(eq + 1);
  std::string_view count = rest.substr(0, rest.find('/'));
  auto [p, ec] = std::from_chars(count.data(), count.data() + count.size(), a.count);
  if (ec != std::errc() || p != count.data() + count.size() || a.count < 1 || a.count > 100000) {
    return "--add-nodes: \"" + std::string(count) + "\" is not a node count (1-100000)";
  }
  if (size_t slash = rest.find('/'); slash != std::string_view::npos) {
    a.pod_cidr = std::string(rest.substr(slash + 1));
    if (!Cidr::parse(a.pod_cidr)) return "--add-nodes: invalid POD_CIDR \"" + a.pod_cidr + "\"";
  }
  out.add_nodes.push_back(std::move(a));
  return {};
}

std::string parse_drain(std::string_view spec, WhatIfs& out) {
  size_t eq = spec.find('=');
  if (eq == std::string_view::npos || eq + 1 == spec.size()) {
    return "--drain: expected zone=Z, node=N or env=hybrid|cloud, got \"" + std::string(spec) + "\"";
  }
  std::string_view what = spec.substr(0, eq);
  Drain d;
  d.value = std::string(spec.substr(eq + 1));
  if (what == "zone") {
    d.by = Drain::By::Zone;
  } else if (what == "node") {
    d.by = Drain::By::Node;
  } else if (what == "env") {
    d.by = Drain::By::Environment;
    if (d.value != "hybrid" && d.value != "cloud")
      return "--drain: env must be hybrid or cloud, got \"" + d.value + "\"";
  } else {
    return "--drain: expected zone=, node= or env=, got \"" + std::string(what) + "=\"";
  }
  out.drains.push_back(std::move(d));
  return {};
}

namespace {

bool drained(const model::Node& n, const std::vector<Drain>& drains) {
  for (const Drain& d : drains) {
    switch (d.by) {
      case Drain::By::Zone:
        if (n.zone() == d.value) return true;
        break;
      case Drain::By::Node:
        if (n.meta.name == d.value) return true;
        break;
      case Drain::By::Environment:
        if (model::environment_name(n.environment()) == d.value) return true;
        break;
    }
  }
  return false;
}

model::Node added_node(const AddNodes& a, int serial) {
  model::Node n;
  n.api_version = "v1";
  n.kind = "Node";
  n.meta.name =
      std::string("whatif-") + model::environment_name(a.environment) + "-" + a.zone + "-" + std::to_string(serial);
  n.meta.labels.set(model::kHostnameLabel, n.meta.name);
  n.meta.labels.set("kubernetes.io/os", "linux");
  n.meta.labels.set("kubernetes.io/arch", "amd64");
  n.meta.labels.set(model::kZoneLabel, a.zone);
  if (a.environment == model::Environment::Hybrid) n.meta.labels.set(model::kComputeTypeLabel, "hybrid");
  if (!a.pod_cidr.empty()) n.pod_cidrs.push_back(a.pod_cidr);
  n.ready = true;
  n.allocatable_cpu_milli = 4000;
  n.allocatable_memory_bytes = 16LL << 30;
  n.allocatable_pods = 110;
  n.synthesized = true;
  return n;
}

// The endpoint controllers drop an evicted pod's endpoint from its
// Service's EndpointSlices and Endpoints: without this the audit of a drain
// would still see the backends the drain moved away. An endpoint on a
// drained node goes unless it names a pod that stayed (a DaemonSet's); one
// without a targetRef cannot be told apart from the evicted, and goes too.
template <typename IsDrained>
void remove_evicted_endpoints(model::Snapshot& out, const IsDrained& is_drained,
                              const std::set<std::pair<std::string, std::string>>& stayed) {
  auto evicted = [&](std::string_view node, std::string_view kind, const std::string& ns, const std::string& name) {
    if (!is_drained(node)) return false;
    return kind != "Pod" || !stayed.contains({ns, name});
  };
  for (model::EndpointSlice& slice : out.endpoint_slices) {
    std::erase_if(slice.endpoints, [&](const model::Endpoint& e) {
      return evicted(e.node_name, e.target_kind, e.target_ns.empty() ? slice.meta.ns : e.target_ns, e.target_name);
    });
  }
  for (model::CoreEndpoints& eps : out.endpoints) {
    for (model::EndpointSubset& subset : eps.subsets) {
      for (auto* addresses : {&subset.addresses, &subset.not_ready_addresses}) {
        std::erase_if(*addresses, [&](const model::EndpointAddress& a) {
          return evicted(a.node_name, a.target_kind, a.target_ns.empty() ? eps.meta.ns : a.target_ns, a.target_name);
        });
      }
    }
  }
}

}  // namespace

model::Snapshot apply_what_ifs(const model::Snapshot& snapshot, const WhatIfs& what_ifs) {
  model::Snapshot out = snapshot;
  if (!what_ifs.drains.empty()) {
    std::vector<std::string> drained_names;
    for (model::Node& n : out.nodes) {
      if (!drained(n, what_ifs.drains)) continue;
      n.unschedulable = true;
      drained_names.push_back(n.meta.name);
    }
    auto is_drained = [&](std::string_view node) {
      return std::find(drained_names.begin(), drained_names.end(), node) != drained_names.end();
    };
    std::vector<model::Pod> kept;
    kept.reserve(out.pods.size());
    std::set<std::pair<std::string, std::string>> stayed_on_drained;  // (namespace, name)
    for (model::Pod& p : out.pods) {
      if (!is_drained(p.spec.node_name)) {
        kept.push_back(std::move(p));
        continue;
      }
      const model::Workload* owner = workload_of_pod(snapshot, p);
      if (owner && owner->workload_kind == model::WorkloadKind::DaemonSet) {
        stayed_on_drained.emplace(p.meta.ns, p.meta.name);
        kept.push_back(std::move(p));
      }
      // Other pods are evicted: a controller recreates its pods (the
      // simulation places them again); bare pods are gone.
    }
    out.pods = std::move(kept);
    remove_evicted_endpoints(out, is_drained, stayed_on_drained);
  }
  int serial = 0;
  for (const AddNodes& a : what_ifs.add_nodes) {
    for (int i = 0; i < a.count; ++i) out.nodes.push_back(added_node(a, ++serial));
  }
  out.build_indexes();
  return out;
}

model::Snapshot with_hybrid_zones(const model::Snapshot& snapshot, const std::string& zone) {
  model::Snapshot out = snapshot;
  for (model::Node& n : out.nodes) {
    if (n.is_hybrid() && n.zone().empty()) n.meta.labels.set(model::kZoneLabel, zone);
  }
  out.build_indexes();
  return out;
}

}  // namespace hybridctl::analysis::placement
