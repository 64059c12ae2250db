// Exactly the resources the rules read (the kinds their RuleInfo::reads
// declare: tests/live/resource_table_test.cpp keeps the two equal), and where
// the API serves them. A resource that cannot be read is absent from the
// input, so the report's note on inputs not checked names the rules that went
// without it. Nothing else is ever requested:
// deploy/rbac-readonly.yaml grants get/list on this table and no more, and a
// test keeps the two equal. Secrets are never read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hybridctl::live {

struct ResourceSpec {
  std::string group;                  // "" for the core group
  std::vector<std::string> versions;  // preferred first; the first the server serves is used
  std::string resource;               // the plural in the URL
  std::string kind;                   // what decode/ dispatches on
  bool namespaced = false;
  // ConfigMaps: only these objects, fetched by name (namespace/name), never
  // the whole list: other ConfigMaps may hold credentials.
  std::vector<std::string> by_name;
};

const std::vector<ResourceSpec>& resource_table();

// "apps/deployments", "core/configmaps" (the name used in messages and saved files).
std::string resource_label(const ResourceSpec& spec);

}  // namespace hybridctl::live
