#include "cli/fix_command.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "analysis/analyses.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "cli/fast_exit.h"
#include "core/parallel.h"
#include "fix/field_location.h"
#include "fix/fix_webhook_guards.h"
#include "fix/splice_atomic_write.h"
#include "fix/splice_diff.h"
#include "fix/splice_manifests.h"
#include "report/fix_script.h"
#include "report/fix_values.h"
#include "rules/engine.h"
#include "rules/registry.h"

namespace hybridctl::cli {
namespace {

struct FixOptions {
  InputOptions input;
  WhatIfOptions what_ifs;
  std::string output = "script";
  std::string out_dir;
  bool write = false;
  bool dry_run = false;
  bool patch_managed = false;
  std::string fail_on = "error";
  std::string rules;
  std::string skip_rules;
  bool quiet = false;
};

bool write_file(const std::filesystem::path& path, const std::string& text) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream f(path, std::ios::binary);
  f << text;
  return static_cast<bool>(f);
}

int write_out_dir(const FixOptions& o, const std::vector<report::FixOfFinding>& fixes) {
  std::filesystem::path dir(o.out_dir);
  size_t written = 0;
  bool ok = true;
  auto put = [&](const std::filesystem::path& p, const std::string& text) {
    if (write_file(p, text)) {
      ++written;
    } else {
      std::cerr << "hybridctl fix: cannot write " << p.string() << "\n";
      ok = false;
    }
  };
  if (o.output == "patches") {
    for (const report::ObjectPatches& g : report::patches_by_object(fixes)) {
      put(dir / report::patch_file_name(g.target), report::concatenated_patch(g.patches));
    }
  } else {
    for (const auto& [release, values] : report::helm_values_by_release(fixes)) {
      put(dir / "helm" / (release + ".values.json"), values);
    }
    for (const auto& [addon, config] : report::eks_addon_configuration_by_addon(fixes)) {
      put(dir / "eks-addon" / (addon + ".configuration.json"), config);
    }
  }
  if (!o.quiet) std::cerr << "hybridctl fix: wrote " << written << " file(s) under " << o.out_dir << "\n";
  return ok ? 0 : 1;
}

std::string describe(const model::ObjectRef& r) { return r.kind + " " + (r.ns.empty() ? "" : r.ns + "/") + r.name; }

// `refused_findings` gets the findings one of whose patches was not written.
int rewrite_manifests(const FixOptions& o, const model::Snapshot& snapshot,
                      const std::vector<report::FixOfFinding>& fixes,
                      std::set<const rules::Finding*>& refused_findings) {
  std::vector<fix::PatchOfObject> patches;
  for (const report::FixOfFinding& f : fixes) {
    for (const fix::RenderedPatch& p : f.fix.patches) {
      patches.push_back({p, p.target == f.finding->object ? f.finding->origin : model::Origin{}});
    }
  }
  fix::ManifestEdits edits = fix::plan_manifest_edits(snapshot, patches);
  int rc = 0;
  size_t files = 0, spliced = 0;
  std::map<std::string, std::string> synced_dirs;  // directory -> a file renamed in it
  if (o.dry_run) {
    for (const fix::FileEdit& e : edits.files) std::cout << fix::unified_diff(e.path, e.before, e.after);
  } else {
    // Files are independent and each write waits on its fsync: several at once
    // keep the disk busy (the order of messages stays the input's).
    std::vector<std::string> errors(edits.files.size());
    parallel_for(edits.files.size(), 8, [&](size_t i) {
      const fix::FileEdit& e = edits.files[i];
      fix::replace_file_atomically(e.path, e.before, e.after, errors[i], /*sync_directory=*/false);
    });
    for (size_t i = 0; i < edits.files.size(); ++i) {
      const fix::FileEdit& e = edits.files[i];
      if (!errors[i].empty()) {
        std::cerr << "hybridctl fix: " << errors[i] << "\n";
        rc = 1;
        continue;
      }
      ++files;
      spliced += e.patches;
      synced_dirs[std::filesystem::path(e.path).parent_path().string()] = e.path;
    }
  }
  // One fsync per directory, after its last rename, makes them durable.
  for (const auto& [dir, file] : synced_dirs) fix::sync_directory_of(file);
  for (const fix::NotSpliced& n : edits.refused) {
    // The field's line when it was recorded (field_location.h), else the file.
    std::string where = !n.field.empty() ? n.field + ": " : n.file.empty() ? "" : n.file + ": ";
    std::cerr << "hybridctl fix: not written: " << where << describe(n.patch.target) << ": " << n.reason
              << "; apply this patch another way:\n  " << n.patch.patch << "\n";
    for (const report::FixOfFinding& f : fixes) {
      for (const fix::RenderedPatch& p : f.fix.patches) {
        if (p.target == n.patch.target && p.patch == n.patch.patch) refused_findings.insert(f.finding);
      }
    }
  }
  if (!o.quiet) {
    for (const fix::NotSpliced& n : edits.superseded) {
      std::cerr << "hybridctl fix: " << describe(n.patch.target) << ": a patch was already covered by an earlier one ("
                << n.reason << ")\n";
    }
    if (!o.dry_run) std::cerr << "hybridctl fix: " << spliced << " patch(es) written to " << files << " file(s)\n";
  }
  return rc;
}

// Whether the output this run makes carries the fix out: a patch written
// (--write, -o patches), the manager's values (-o helm-values), or any step
// the script runs; advice alone (a note, an `aws` command to review) does not.
bool carries_out(const FixOptions& o, const fix::RenderedFix& f) {
  bool values = f.helm_values != "{}" || f.eks_addon_configuration != "{}";
  if (o.write || o.dry_run || o.output == "patches") return !f.patches.empty();
  if (o.output == "helm-values") return values;
  bool commands = false;
  for (const std::string& cmd : f.kubectl) commands = commands || !cmd.starts_with("aws ");
  return !f.patches.empty() || values || commands;
}

// Flag combinations refused before anything is read.
std::string usage_error(const FixOptions& o) {
  // CLI.md: with --live the script targets the live objects as read; there
  // is no manifest file to rewrite or diff.
  if (o.input.live.live && (o.write || o.dry_run)) {
    return std::string(o.write ? "--write" : "--dry-run") +
           " rewrites manifest files, and --live reads none: print the script (the default) or write -o patches "
           "--out DIR, then apply them with kubectl";
  }
  return {};
}

int run_fix(const FixOptions& o) {
  model::Snapshot snapshot;
  Diagnostics diagnostics;
  std::string usage = usage_error(o);
  // The fields' positions name their lines in the script and guard --write's splices.
  if (usage.empty()) {
    usage =
        load_snapshot(o.input, snapshot, diagnostics, /*live_cluster=*/0, decode::LoadOptions{.field_positions = true});
  }
  if (usage.empty()) usage = apply_what_if_options(o.what_ifs, snapshot);
  rules::RuleSelection selection;
  if (usage.empty()) selection.only = split_rule_ids(o.rules, usage);
  if (usage.empty()) selection.skip = split_rule_ids(o.skip_rules, usage);
  if (usage.empty() && o.output != "script" && o.out_dir.empty()) usage = "-o " + o.output + " needs --out DIR";
  if (!usage.empty()) {
    std::cerr << "hybridctl fix: " << usage << "\n";
    return 2;
  }
  bool input_errors = false;
  for (const Diagnostic& d : diagnostics.items()) {
    input_errors = input_errors || d.level == Diagnostic::Level::Error;
    if (d.level == Diagnostic::Level::Error || !o.quiet) std::cerr << d.format() << "\n";
  }
  analysis::Analyses analyses(snapshot, o.what_ifs.seed);
  rules::AuditResult result = rules::run_rules(snapshot, analyses, selection);
  std::vector<const rules::Finding*> fixable;
  for (const rules::Finding& f : result.findings) {
    // Findings without a change to make still get their advice (a workload pinned to hybrid nodes).
    if (f.fixes.empty() && f.fix_note.empty()) continue;
    fixable.push_back(&f);
  }
  // Applied one after the other: each finding's patches build on what the earlier ones changed.
  std::vector<fix::RenderedFix> rendered = fix::render_in_order(fixable);
  std::vector<report::FixOfFinding> fixes;
  fix::ObjectOrigins origins(snapshot);
  for (size_t i = 0; i < fixable.size(); ++i) {
    report::FixOfFinding of{fixable[i], std::move(rendered[i]), {}};
    // A --live page is a source too, but not one to open in an editor.
    if (!o.input.live.live)
      of.field_location = fix::first_field_location(snapshot, origins, *of.finding, of.fix.patches);
    fixes.push_back(std::move(of));
  }
  // What this run carries out, per finding: the exit code counts the rest.
  std::map<const rules::Finding*, const fix::RenderedFix*> carried;
  for (const report::FixOfFinding& f : fixes) carried[f.finding] = &f.fix;
  auto left_unfixed = [&](const std::set<const rules::Finding*>& refused) {
    std::vector<const rules::Finding*> left;
    for (const rules::Finding& f : result.findings) {
      auto it = carried.find(&f);
      if (it == carried.end() || refused.count(&f) || !carries_out(o, *it->second)) left.push_back(&f);
    }
    return exit_code_for_unfixed(left, o.fail_on);
  };
  if (o.write || o.dry_run) {  // --dry-run alone shows what --write would do
    // CLI.md: nothing partial is ever written by `fix --write`.
    if (input_errors) {
      std::cerr << "hybridctl fix: inputs had errors; nothing written\n";
      return 2;
    }
    std::set<const rules::Finding*> refused;
    int rc = rewrite_manifests(o, snapshot, fixes, refused);
    return exit_without_teardown(std::max(rc, left_unfixed(refused)));
  }
  int rc = 0;
  if (o.output == "script") {
    std::vector<model::ObjectRef> updated, at_risk;
    for (const report::FixOfFinding& f : fixes) {
      at_risk.push_back(f.finding->object);
      updated.push_back(f.finding->object);
      for (const fix::RenderedPatch& p : f.fix.patches) updated.push_back(p.target);
    }
    auto guards = fix::webhooks_to_relax(snapshot, analyses.backends(), updated, at_risk);
    report::FixScriptOptions script{.patch_managed = o.patch_managed,
                                    .sources = o.input.sources,
                                    .live = o.input.live.live,
                                    .contexts = o.input.live.contexts,
                                    .cluster_name = snapshot.cluster_info ? snapshot.cluster_info->name : ""};
    std::cout << report::render_fix_script(fixes, guards, script);
  } else {
    rc = write_out_dir(o, fixes);
  }
  // As audit does: the snapshot and analyses are not freed one by one.
  return exit_without_teardown(input_errors ? 2 : std::max(rc, left_unfixed({})));
}

}  // namespace

void register_fix(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<FixOptions>();
  CLI::App* cmd = app.add_subcommand("fix", "Print or apply the fixes of the findings");
  // CLI.md leaves the severities to fix unsaid; issue 19's acceptance is that
  // the audit afterwards has no fixable finding, so every severity is fixed.
  cmd->footer(
      "Fixes the findings of every severity, info included (the audit afterwards has no fixable finding);\n"
      "leave some out with --rules / --skip-rules or the hybridctl/ignore annotation. With --live the\n"
      "script and patch files target the objects as read; nothing is ever applied by hybridctl itself.\n"
      "Exit code: 1 when a finding at or above --fail-on is left without a fix this run carries out (advice\n"
      "only, or a patch --write refused), 2 on a usage error or unreadable input, else 0.");
  add_input_options(*cmd, options->input);
  add_what_if_options(*cmd, options->what_ifs);
  cmd->add_option("-o,--output", options->output, "script (default) | patches | helm-values")
      ->check(CLI::IsMember({"script", "patches", "helm-values"}));
  cmd->add_option("--out", options->out_dir, "Directory for -o patches / helm-values");
  cmd->add_flag("--write", options->write,
                "Rewrite the manifest files in place (atomically, keeping every other byte)");
  cmd->add_flag("--dry-run", options->dry_run, "Print the unified diff --write would apply, change nothing");
  cmd->add_flag("--patch-managed", options->patch_managed,
                "Patch objects managed by Helm / an EKS add-on / an operator with kubectl anyway");
  cmd->add_option("--fail-on", options->fail_on,
                  "critical|error|warning|info|never (default error): exit 1 when a finding this severe is left "
                  "unfixed")
      ->check(CLI::IsMember({"critical", "error", "warning", "info", "never"}));
  cmd->add_option("--rules", options->rules, "Only these rules (HN001,...)");
  cmd->add_option("--skip-rules", options->skip_rules, "Skip these rules");
  cmd->add_flag("-q,--quiet", options->quiet, "Print only errors on stderr");
  cmd->callback([options, &exit_code] {
    options->input.live.quiet = options->quiet;
    exit_code = run_fix(*options);
  });
}

}  // namespace hybridctl::cli
