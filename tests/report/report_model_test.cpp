// The report model and the format registry: what every renderer reads, and
// how -o picks a renderer.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cctype>
#include <optional>
#include <set>
#include <sstream>

#include "report/explain_markdown.h"
#include "report/formats.h"
#include "report/json_report.h"
#include "report/rule_catalogue.h"
#include "report/text_report.h"
#include "rules/registry.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace report_model_test {

TEST(RuleCatalogue, HoldsEveryRegisteredRuleInIdOrder) {
  const auto& catalogue = report::rule_catalogue();
  ASSERT_EQ(catalogue.size(), rules::all_rules().size());
  for (size_t i = 0; i < catalogue.size(); ++i) EXPECT_EQ(catalogue[i].id, rules::all_rules()[i]->info().id);
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

// The most severe of the levels (critical, error, warning, info) that
// `text` names as whole words; nullopt when it names none.
std::optional<rules::Severity> most_severe_named(std::string_view text) {
  std::optional<rules::Severity> most;
  size_t i = 0;
  while (i < text.size()) {
    if (!word_char(text[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && word_char(text[end])) ++end;
    rules::Severity s;
    if (rules::parse_severity(text.substr(i, end - i), s) && (!most || s > *most)) most = s;
    i = end;
  }
  return most;
}

TEST(RuleCatalogue, EveryRulesWordsNameItsTypedDefaultSeverityAsTheMostSevereLevel) {
  // The words (explain, docs/rules.md) and the value (SARIF, PolicyReport)
  // are written apart in each rule: they must not drift.
  for (const rules::Rule* r : rules::all_rules()) {
    EXPECT_EQ(most_severe_named(r->info().severity), r->info().default_severity)
        << r->info().id << ": " << r->info().severity;
  }
}

TEST(RuleCatalogue, DefaultSeverityIsTheMostSevereLevelTheRuleReports) {
  auto default_of = [](const std::string& id) {
    for (const report::RuleMetadata& m : report::rule_catalogue()) {
      if (m.id == id) return m.default_severity;
    }
    ADD_FAILURE() << "no rule " << id;
    return rules::Severity::Info;
  };
  EXPECT_EQ(default_of("HN001"), rules::Severity::Critical);  // critical if ...; error if ...
  EXPECT_EQ(default_of("HN014"), rules::Severity::Warning);   // info; warning when ...
  EXPECT_EQ(default_of("HN015"), rules::Severity::Info);
  EXPECT_EQ(default_of("HN017"), rules::Severity::Error);
}

TEST(RuleCatalogue, LevelNamesCountOnlyAsWholeWords) {
  EXPECT_FALSE(most_severe_named("information, errors, warnings"));
  EXPECT_EQ(most_severe_named("(a) warning; (b) error."), rules::Severity::Error);
}

TEST(ExplainMarkdown, RendersTheCatalogueEntryOfARule) {
  const report::RuleMetadata& hn017 = report::rule_catalogue().back();
  std::string md = report::explain_markdown(hn017);
  EXPECT_TRUE(md.starts_with("## " + hn017.id + " " + hn017.name + "\n")) << md;
  EXPECT_NE(report::rules_catalogue_markdown().find(md), std::string::npos);
}

TEST(Formats, TextIsTheDefaultAndEachNameIsOneEntry) {
  ASSERT_FALSE(report::formats().empty());
  EXPECT_EQ(report::formats().front()->name, "text");
  std::set<std::string_view> names;
  for (const report::Format* f : report::formats()) {
    EXPECT_TRUE(names.insert(f->name).second) << f->name;
    EXPECT_EQ(report::find_format(f->name), f);
  }
  EXPECT_EQ(report::find_format("yaml"), nullptr);
}

TEST(Formats, AFormatThatRendersAnAuditAlsoRendersSeveralClusters) {
  // `audit --context A --context B` renders each cluster, then the document.
  for (const report::Format* f : report::formats()) {
    if (f->audit) {
      EXPECT_NE(f->clusters, nullptr) << f->name;
    }
  }
}

TEST(Formats, EachCommandOffersTheFormatsThatRenderItsReport) {
  const std::vector<std::string> both = {"text", "json"};
  EXPECT_EQ(report::format_names(&report::Format::audit), both);
  EXPECT_EQ(report::format_names(&report::Format::simulation), both);
  EXPECT_EQ(report::format_names(&report::Format::traffic), both);
  EXPECT_EQ(report::format_names(&report::Format::webhooks), both);
}

// An audit of a webhook served from a hybrid node on an unroutable network:
// findings with fixes, for the renderers below.
struct Built {
  Audit a;
  std::optional<analysis::Analyses> analyses;
  report::AuditReport report;
};

void build(Built& b) {
  const std::string yaml = yaml_stream({kubectl_cloud_node(), kubectl_hybrid_node(), R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: cert-manager-webhook, namespace: cert-manager}
spec:
  replicas: 1
  selector:
    matchLabels: {app: webhook}
  template:
    metadata:
      labels: {app: webhook}
    spec:
      containers:
      - {name: webhook, image: quay.io/jetstack/cert-manager-webhook:v1.19.4}
)"});
  run_audit(b.a, yaml, "", model::PodNetwork::Unroutable);
  b.analyses.emplace(b.a.snapshot);
  b.report = report::build_audit_report(b.a.snapshot, *b.analyses, rules::run_rules(b.a.snapshot, *b.analyses, {}),
                                        b.a.diagnostics);
}

std::string findings_of(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  EXPECT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;
  simdjson::dom::element findings;
  EXPECT_EQ(doc["findings"].get(findings), simdjson::SUCCESS) << json;
  return simdjson::minify(findings);
}

TEST(AuditReport, CarriesEachFindingWithItsFixRenderedAndItsSourceLine) {
  Built b;
  build(b);
  ASSERT_FALSE(b.report.findings.empty());
  const report::ReportedFinding& f = b.report.findings.front();
  EXPECT_EQ(f.finding.rule, "HN012");
  ASSERT_TRUE(f.source);
  EXPECT_EQ(f.source->file, "inline.yaml");
  EXPECT_FALSE(f.fix.patches.empty());
  EXPECT_EQ(b.report.cluster.cloud_nodes, 1);
  EXPECT_EQ(b.report.cluster.hybrid_nodes, 1);
  EXPECT_EQ(b.report.cluster.pod_network, model::PodNetwork::Unroutable);
}

TEST(AuditReport, SimulateJsonCarriesTheSameFindingsArrayAsAuditJson) {
  Built b;
  build(b);
  analysis::placement::PlacementResult none;
  std::ostringstream simulate;
  auto renderer = report::json_format().simulation();
  renderer->placements({none, 1}, simulate);
  renderer->audit(b.report, {}, simulate);
  std::string audit = report::render_json(b.report);
  EXPECT_NE(findings_of(audit), "[]");
  EXPECT_EQ(findings_of(simulate.str()), findings_of(audit));
}

TEST(AuditReport, DroppingBaselinedFindingsCountsThemForTheSummary) {
  Built b;
  build(b);
  const size_t before = b.report.findings.size();
  std::string error;
  auto baseline = report::parse_baseline(report::render_json(b.report), error);
  ASSERT_TRUE(baseline) << error;
  report::drop_baselined(b.report, *baseline);
  EXPECT_TRUE(b.report.findings.empty());
  EXPECT_EQ(b.report.suppressed_by_baseline, before);
  EXPECT_NE(report::render_text(b.report, {}).find(std::to_string(before) + " by --baseline"), std::string::npos);
}

}  // namespace report_model_test
}  // namespace hybridctl::testing
