// Builds a snapshot from inline YAML and runs the rules on it, so rule tests
// read like the manifests they are about.
#pragma once

#include <functional>
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

inline constexpr const char* kMixedNodes = "cloud:us-west-2a=1,cloud:us-west-2b=1,hybrid:onprem=1";

}  // namespace hybridctl::testing
