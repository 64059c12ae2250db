// RFC 6902 operations as hybridctl writes them: every `add` that could
// replace a member is preceded by a `test` of that member (its value as
// dumped, or null where the dump had none), so a patch computed from a stale
// dump fails instead of deleting what the user added since. Kubernetes'
// JSON patch (kubectl and the API server alike) passes a test of null on a
// missing member and fails it on a present one.
#pragma once

#include <string>
#include <string_view>

#include "core/json_writer.h"

namespace hybridctl::fix {

// `w` is inside the patch's array; `value_json` is serialised JSON.
void write_op(JsonWriter& w, std::string_view op, const std::string& path, std::string_view value_json);
// {"op":"test","path":PATH,"value":null}: the member must still be absent.
void write_test_absent(JsonWriter& w, const std::string& path);
// The member was absent in the dump: test that it still is, then add it.
void write_add_absent(JsonWriter& w, const std::string& path, std::string_view value_json);
// The member held `old_json`: test that it still does, then replace it.
void write_replace_tested(JsonWriter& w, const std::string& path, std::string_view old_json,
                          std::string_view value_json);

}  // namespace hybridctl::fix
