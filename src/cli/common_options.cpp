#include "cli/common_options.h"

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <iostream>
#include <set>
#include <sstream>

#include "analysis/placement/what_ifs.h"
#include "core/cidr.h"
#include "decode/assumed_nodes.h"
#include "decode/duplicate_objects.h"
#include "decode/sources.h"
#include "report/json_report.h"
#include "rules/registry.h"

namespace hybridctl::cli {

void add_input_options(CLI::App& app, InputOptions& o) {
  app.add_option("sources", o.sources, "Files, directories (recursive) and - for standard input");
  app.add_option("--cluster-profile", o.cluster_profile,
                 "Nodes, describe-cluster output and CNI configuration of a real cluster: a file or a directory");
  app.add_option("--assume-nodes", o.assume_nodes,
                 "Synthesised nodes, ENV:[ZONE]=N[:taint=K[=V]:EFFECT][:label=K=V],... e.g. "
                 "cloud:us-west-2a=3,hybrid:onprem=2 (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--pod-network", o.pod_network, "routable|unroutable|auto (default: derive)")
      ->check(CLI::IsMember({"routable", "unroutable", "auto"}));
  // Repeatable flags take one value per occurrence: CLI11's default for a
  // list would take the sources that follow the flag as more values.
  app.add_option("--remote-pod-network", o.remote_pod_networks, "A remotePodNetworks CIDR (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--remote-node-network", o.remote_node_networks, "A remoteNodeNetworks CIDR (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--kubernetes-version", o.kubernetes_version,
                 "The cluster's Kubernetes version: 1.31, v1.31, 1.31.4 or v1.31.4-eks-... (read as 1.31)");
  add_live_options(app, o.live);
}

void add_output_option(CLI::App& app, std::string& output, const std::vector<std::string>& formats) {
  std::string names;
  for (const std::string& f : formats) names += (names.empty() ? "" : "|") + f;
  app.add_option("-o,--output", output, names)->check(CLI::IsMember(formats));
}

void add_common_options(CLI::App& app, CommonOptions& o, PrintsFindings prints_findings,
                        const std::vector<std::string>& formats) {
  add_output_option(app, o.output, formats);
  const bool findings = prints_findings == PrintsFindings::Yes;
  const char* selection_note = findings ? "" : " (accepted for one command line across commands: prints no findings)";
  app.add_option("--rules", o.rules, std::string("Only these rules (HN001,..., any case)") + selection_note);
  app.add_option("--skip-rules", o.skip_rules, std::string("Skip these rules") + selection_note);
  app.add_flag("--no-color", o.no_color, "Never colour the text output");
  app.add_flag("-q,--quiet", o.quiet, "Print only errors on stderr");
  if (!findings) return;
  app.add_option("--fail-on", o.fail_on, "critical|error|warning|info|never (default error)")
      ->check(CLI::IsMember({"critical", "error", "warning", "info", "never"}));
  app.add_option("--baseline", o.baseline,
                 "Report only findings not in FILE, a previous -o json output (matched by rule and object)");
  app.add_option("--write-baseline", o.write_baseline, "Write this run's findings to FILE (as -o json), atomically");
  app.add_flag("--all,-v,--verbose", o.all, "Print every finding (text groups a rule's findings beyond 20)");
}

std::set<std::string> split_rule_ids(const std::string& s, std::string& error) {
  std::set<std::string> out;
  std::stringstream in(s);
  std::string id;
  while (std::getline(in, id, ',')) {
    id.erase(0, id.find_first_not_of(' '));
    id.erase(id.find_last_not_of(' ') + 1);
    if (id.empty()) continue;
    const rules::Rule* r = rules::find_rule(id);
    if (!r) {
      if (error.empty()) error = "unknown rule \"" + id + "\" (hybridctl explain --all lists them)";
      continue;
    }
    out.insert(r->info().id);
  }
  return out;
}

std::string read_finding_filters(const CommonOptions& o, FindingFilters& filters) {
  std::string error;
  filters.selection.only = split_rule_ids(o.rules, error);
  if (error.empty()) filters.selection.skip = split_rule_ids(o.skip_rules, error);
  if (error.empty() && !o.baseline.empty()) filters.baseline = report::read_baseline(o.baseline, error);
  return error;
}

std::string apply_baseline(const CommonOptions& o, const FindingFilters& filters, report::AuditReport& report) {
  if (!o.write_baseline.empty()) {
    std::string error;
    if (!report::write_file_atomically(o.write_baseline, report::render_json(report), error)) {
      return "--write-baseline " + error;
    }
  }
  if (filters.baseline) report::drop_baselined(report, *filters.baseline);
  return {};
}

bool use_color(const CommonOptions& o) { return !o.no_color && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"); }

report::RenderOptions render_options(const CommonOptions& o) { return {.color = use_color(o), .all = o.all}; }

void print_diagnostics(const Diagnostics& diagnostics, const CommonOptions& o) {
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.level == Diagnostic::Level::Error || !o.quiet) std::cerr << d.format() << "\n";
  }
}

std::optional<std::string> normalise_kubernetes_version(std::string_view text) {
  auto digits = [&text]() -> std::string {
    size_t n = 0;
    while (n < text.size() && std::isdigit(static_cast<unsigned char>(text[n]))) ++n;
    std::string out(text.substr(0, n));
    text.remove_prefix(n);
    return out;
  };
  if (text.starts_with('v')) text.remove_prefix(1);
  std::string major = digits();
  if (major.empty() || !text.starts_with('.')) return std::nullopt;
  text.remove_prefix(1);
  std::string minor = digits();
  if (minor.empty()) return std::nullopt;
  if (!text.empty()) {
    // An optional patch, then (only after a patch) a build suffix such as -eks-a737599.
    if (!text.starts_with('.')) return std::nullopt;
    text.remove_prefix(1);
    if (digits().empty()) return std::nullopt;
    if (!text.empty() && !text.starts_with('-') && !text.starts_with('+')) return std::nullopt;
    if (text.size() == 1) return std::nullopt;
  }
  // Leading zeros are not a version Kubernetes prints ("1.031").
  if ((major.size() > 1 && major[0] == '0') || (minor.size() > 1 && minor[0] == '0')) return std::nullopt;
  return major + "." + minor;
}

std::string load_snapshot(const InputOptions& o, model::Snapshot& snapshot, Diagnostics& diagnostics,
                          size_t live_cluster, const decode::LoadOptions& load) {
  for (const auto* list : {&o.remote_pod_networks, &o.remote_node_networks}) {
    for (const std::string& c : *list) {
      if (!Cidr::parse(c)) return "invalid CIDR \"" + c + "\"";
    }
  }
  std::string kubernetes_version;
  if (!o.kubernetes_version.empty()) {
    std::optional<std::string> v = normalise_kubernetes_version(o.kubernetes_version);
    if (!v) {
      return "--kubernetes-version: \"" + o.kubernetes_version +
             "\" is not a Kubernetes version (expected 1.31, v1.31, 1.31.4 or v1.31.4-eks-...)";
    }
    kubernetes_version = *v;
  }
  if (o.sources.empty() && o.cluster_profile.empty() && !o.live.live)
    return "no input: name files, directories or - for stdin (or --live)";
  // A profile is a file or a directory of them (as --live --save writes it).
  if (!o.cluster_profile.empty()) {
    decode::load_sources({o.cluster_profile}, snapshot, diagnostics, load);
    snapshot.cluster_profile_files = static_cast<uint32_t>(snapshot.files.size());
  }
  decode::load_sources(o.sources, snapshot, diagnostics, load);
  if (!o.assume_nodes.empty()) {
    std::string err = decode::add_assumed_nodes(o.assume_nodes, snapshot.nodes);
    if (!err.empty()) return err;
  }
  if (o.pod_network == "routable") snapshot.facts.pod_network = model::PodNetwork::Routable;
  if (o.pod_network == "unroutable") snapshot.facts.pod_network = model::PodNetwork::Unroutable;
  snapshot.facts.remote_pod_networks = o.remote_pod_networks;
  snapshot.facts.remote_node_networks = o.remote_node_networks;
  snapshot.facts.kubernetes_version = kubernetes_version;
  if (std::string err = load_live(o.live, live_cluster, snapshot, diagnostics); !err.empty()) return err;
  // Live objects come after the files: an object both give is one object.
  if (o.live.live) decode::merge_duplicate_objects(snapshot, diagnostics);
  snapshot.build_indexes();
  return {};
}

void add_what_if_options(CLI::App& app, WhatIfOptions& o) {
  app.add_option("--add-nodes", o.add_nodes, "What-if: add nodes, ENV:ZONE=N[/POD_CIDR] (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--drain", o.drains, "What-if: drain zone=Z, node=N, env=hybrid or env=cloud (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--seed", o.seed, "Seed of the placement's tie-breaking random choice (default 1)");
  app.add_option("--runs", o.runs,
                 "Repeat the placement under N seeds for probabilities (default 1); N > 1 also sets how many "
                 "placements HN005's odds simulate (default 400)");
}

namespace {

std::string listed(const std::set<std::string>& names, size_t at_most = 10) {
  if (names.empty()) return "none";
  std::string out;
  size_t n = 0;
  for (const std::string& name : names) {
    if (n++ == at_most) return out + " and " + std::to_string(names.size() - at_most) + " more";
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

// A drain must name something of the input: a typo would otherwise drain nothing and
// report the undrained cluster as the what-if's result.
std::string check_drain(const analysis::placement::Drain& d, const model::Snapshot& snapshot) {
  using By = analysis::placement::Drain::By;
  std::set<std::string> existing;
  for (const model::Node& n : snapshot.nodes) {
    switch (d.by) {
      case By::Zone:
        if (!n.zone().empty()) existing.emplace(n.zone());
        break;
      case By::Node:
        existing.insert(n.meta.name);
        break;
      case By::Environment:
        existing.emplace(model::environment_name(n.environment()));
        break;
    }
  }
  if (existing.count(d.value)) return {};
  const char* what = d.by == By::Zone ? "zone" : d.by == By::Node ? "node" : "env";
  if (snapshot.nodes.empty()) {
    return std::string("--drain ") + what + "=" + d.value + ": the input has no nodes to drain";
  }
  const char* plural = d.by == By::Zone ? "zones" : d.by == By::Node ? "nodes" : "environments";
  return std::string("--drain ") + what + "=" + d.value + ": no such " +
         (d.by == By::Environment ? "node environment" : what) + " in the input; " + plural + ": " + listed(existing);
}

}  // namespace

std::string apply_what_if_options(const WhatIfOptions& o, model::Snapshot& snapshot) {
  if (o.runs < 1) return "--runs must be at least 1";
  analysis::placement::WhatIfs what_ifs;
  for (const std::string& spec : o.add_nodes) {
    if (std::string err = analysis::placement::parse_add_nodes(spec, what_ifs); !err.empty()) return err;
  }
  for (const std::string& spec : o.drains) {
    if (std::string err = analysis::placement::parse_drain(spec, what_ifs); !err.empty()) return err;
  }
  for (const analysis::placement::Drain& d : what_ifs.drains) {
    if (std::string err = check_drain(d, snapshot); !err.empty()) return err;
  }
  if (!what_ifs.empty()) snapshot = analysis::placement::apply_what_ifs(snapshot, what_ifs);
  return {};
}

}  // namespace hybridctl::cli
