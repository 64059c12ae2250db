// An EKS add-on's objects are recognised by their field manager too: EKS
// applies them with managedFields[].manager "eks" (the objects of an add-on
// installed under another name carry no other sign). Decoding keeps only each
// entry's manager, never the bulky fieldsV1.
#include <gtest/gtest.h>

#include "analysis/provenance.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace eks_field_manager_test {

const char* kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: dns-cache
  namespace: kube-system
  managedFields:
  - manager: kubectl-client-side-apply
    operation: Update
    fieldsType: FieldsV1
    fieldsV1: {f:metadata: {f:labels: {}}}
  - manager: %MANAGER%
    operation: Apply
    apiVersion: apps/v1
    fieldsType: FieldsV1
    fieldsV1: {f:spec: {f:replicas: {}, f:template: {f:spec: {f:containers: {}}}}}
spec:
  replicas: 2
  selector: {matchLabels: {app: dns-cache}}
  template:
    metadata: {labels: {app: dns-cache}}
    spec: {containers: [{name: cache, image: example/cache:1}]}
)";

analysis::Manager manager_with_field_manager(const std::string& manager) {
  std::string yaml = kDeployment;
  yaml.replace(yaml.find("%MANAGER%"), 9, manager);
  Audit a;
  run_audit(a, yaml, "", std::nullopt);
  EXPECT_EQ(a.snapshot.workloads.size(), 1u);
  return a.snapshot.workloads.empty() ? analysis::Manager{} : analysis::manager_of(a.snapshot.workloads[0]);
}

TEST(EksFieldManager, AnObjectAppliedByEksIsAnEksAddonsObject) {
  EXPECT_EQ(manager_with_field_manager("eks").kind, analysis::Manager::Kind::EksAddon);
}

TEST(EksFieldManager, OtherFieldManagersSayNothing) {
  EXPECT_NE(manager_with_field_manager("helm").kind, analysis::Manager::Kind::EksAddon);
}

}  // namespace eks_field_manager_test
}  // namespace hybridctl::testing
