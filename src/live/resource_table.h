// Exactly the resources the rules read (RULES.md, and the kinds decode/
// turns into model objects), where the API serves them, and which rules go
// without data when one cannot be read. Nothing else is ever requested:
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
  std::string rules;  // the rules that read it, for "which rules lacked data"
};

const std::vector<ResourceSpec>& resource_table();

// "apps/deployments", "core/configmaps" (the name used in messages and saved files).
std::string resource_label(const ResourceSpec& spec);

}  // namespace hybridctl::live
