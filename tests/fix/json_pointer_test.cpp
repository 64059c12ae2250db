#include "fix/json_pointer.h"

#include <gtest/gtest.h>

namespace hybridctl::fix {
namespace json_pointer_test {

// RFC 6901 section 3: "~" is written "~0" and "/" "~1", "~" first so that
// "~1" in a name stays itself ("~01"), never "/".
TEST(JsonPointer, TokenEscapesTildeThenSlash) {
  EXPECT_EQ(json_pointer_token("service.kubernetes.io/topology-mode"), "service.kubernetes.io~1topology-mode");
  EXPECT_EQ(json_pointer_token("a~b"), "a~0b");
  EXPECT_EQ(json_pointer_token("~1"), "~01");
  EXPECT_EQ(json_pointer_token("prometheus"), "prometheus");
  EXPECT_EQ(json_pointer_token(""), "");
}

}  // namespace json_pointer_test
}  // namespace hybridctl::fix
