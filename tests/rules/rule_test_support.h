// Builds a snapshot from inline YAML and runs the rules on it, so rule tests
// read like the manifests they are about.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/analyses.h"
#include "decode/assumed_nodes.h"
#include "decode/object_decoder.h"
#include "decode/yaml_reader.h"
#include "rules/engine.h"

namespace hybridctl::testing {

struct Audit {
  model::Snapshot snapshot;
  Diagnostics diagnostics;
  std::vector<rules::Finding> findings;

  std::vector<const rules::Finding*> of(const std::string& rule) const {
    std::vector<const rules::Finding*> out;
    for (const auto& f : findings) {
      if (f.rule == rule) out.push_back(&f);
    }
    return out;
  }
};

// `facts` adjusts the cluster facts (e.g. the Kubernetes version) before the rules run.
inline void run_audit(Audit& a, const std::string& yaml, const std::string& assume_nodes,
                      std::optional<model::PodNetwork> net, const std::function<void(model::ClusterFacts&)>& facts) {
  a.snapshot.files.push_back("inline.yaml");
  decode::ObjectDecoder decoder(a.snapshot, a.diagnostics);
  static const std::string path = "inline.yaml";
  decode::read_yaml(yaml, 0, path,
                    [&](Value&& v, const decode::DocumentContext& ctx) { decoder.decode_document(v, ctx); });
  if (!assume_nodes.empty()) decode::add_assumed_nodes(assume_nodes, a.snapshot.nodes);
  a.snapshot.facts.pod_network = net;
  if (facts) facts(a.snapshot.facts);
  a.snapshot.build_indexes();
  analysis::Analyses analyses(a.snapshot);
  a.findings = rules::run_rules(a.snapshot, analyses, {}).findings;
}

inline void run_audit(Audit& a, const std::string& yaml, const std::string& assume_nodes,
                      std::optional<model::PodNetwork> net) {
  run_audit(a, yaml, assume_nodes, net, {});
}

// "Kind namespace/name", or "Kind name" for a cluster-scoped object: how
// the exact-findings tables name objects.
inline std::string object_key(const model::ObjectRef& r) {
  return r.kind + " " + (r.ns.empty() ? "" : r.ns + "/") + r.name;
}

// One row of an exact-findings table: an object and every finding the audit
// must report on it, as "RULE severity" ("HN001 critical"); an empty set
// states that the object draws no finding at all.
struct ObjectFindings {
  std::string object;
  std::set<std::string> findings;
};

// Every object the snapshot decoded, by object_key.
inline std::set<std::string> decoded_objects(const model::Snapshot& s) {
  std::set<std::string> out;
  auto add = [&out](const auto& objects) {
    for (const auto& o : objects) out.insert(object_key(o.ref()));
  };
  add(s.nodes), add(s.pods), add(s.workloads), add(s.services), add(s.endpoint_slices), add(s.endpoints);
  add(s.webhook_configurations), add(s.api_services), add(s.crds), add(s.namespaces), add(s.config_maps);
  add(s.ingresses), add(s.target_group_bindings), add(s.cluster_role_bindings), add(s.otel_collectors);
  add(s.pod_pools), add(s.bgp_advertisers), add(s.cilium_nodes), add(s.unknown);
  return out;
}

// The audit reported exactly the table's findings, from every rule: a
// finding on an object the table leaves out, a missing or an extra finding
// fails. The fixture must have decoded without errors into `objects`
// objects, and every decoded object must have a row (an empty one for
// silence), so a fixture that fails to decode cannot pass as silence.
// Rows for objects the audit synthesises (HN015's Cluster) are allowed.
inline void expect_exact_findings(const Audit& a, size_t objects, const std::vector<ObjectFindings>& table) {
  for (const Diagnostic& d : a.diagnostics.items()) {
    EXPECT_NE(d.level, Diagnostic::Level::Error) << d.format();
  }
  ASSERT_EQ(a.snapshot.object_count(), objects) << "the fixture did not decode into the objects it holds";
  std::map<std::string, std::set<std::string>> expected, actual;
  for (const ObjectFindings& row : table) {
    EXPECT_TRUE(expected.emplace(row.object, row.findings).second) << "two rows for " << row.object;
  }
  for (const std::string& o : decoded_objects(a.snapshot)) {
    EXPECT_TRUE(expected.count(o)) << "no row states the findings of " << o;
    actual[o];
  }
  for (const rules::Finding& f : a.findings) {
    actual[object_key(f.object)].insert(f.rule + " " + rules::severity_name(f.severity));
  }
  for (const auto& [object, findings] : expected) {
    EXPECT_EQ(actual[object], findings) << object;
  }
  for (const auto& [object, findings] : actual) {
    if (!expected.count(object)) ADD_FAILURE() << "findings on " << object << ", which no row names";
  }
}

inline constexpr const char* kMixedNodes = "cloud:us-west-2a=1,cloud:us-west-2b=1,hybrid:onprem=1";

}  // namespace hybridctl::testing
