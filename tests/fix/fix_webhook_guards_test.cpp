// Which webhooks the fix script relaxes: those that fail closed and would
// intercept the fix's own UPDATE.
#include "fix/fix_webhook_guards.h"

#include <gtest/gtest.h>

namespace hybridctl::fix {
namespace fix_webhook_guards_test {

const model::ObjectRef kDeployment{"apps/v1", "Deployment", "policy", "engine"};
const model::ObjectRef kService{"v1", "Service", "policy", "engine"};

TEST(WebhookGuards, ARuleInterceptsAnUpdateOfItsGroupAndResource) {
  EXPECT_TRUE(
      webhook_rule_intercepts_update({{"CREATE", "UPDATE"}, {"apps"}, {"v1"}, {"deployments"}, ""}, kDeployment));
  EXPECT_TRUE(webhook_rule_intercepts_update({{"*"}, {"*"}, {"*"}, {"*/*"}, ""}, kDeployment));
  EXPECT_TRUE(webhook_rule_intercepts_update({{"UPDATE"}, {""}, {"v1"}, {"services"}, ""}, kService));
}

TEST(WebhookGuards, CreateOnlyOtherGroupsAndSubresourcesDoNotIntercept) {
  EXPECT_FALSE(webhook_rule_intercepts_update({{"CREATE"}, {"apps"}, {"v1"}, {"deployments"}, ""}, kDeployment));
  EXPECT_FALSE(webhook_rule_intercepts_update({{"UPDATE"}, {""}, {"v1"}, {"deployments"}, ""}, kDeployment));
  EXPECT_FALSE(webhook_rule_intercepts_update({{"UPDATE"}, {"apps"}, {"v1"}, {"deployments/scale"}, ""}, kDeployment));
  EXPECT_FALSE(webhook_rule_intercepts_update({{"UPDATE"}, {"apps"}, {"v1"}, {"daemonsets"}, ""}, kDeployment));
}

}  // namespace fix_webhook_guards_test
}  // namespace hybridctl::fix
