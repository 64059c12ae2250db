// `fix --dry-run` prints what `--write` would change as a unified diff.
#include "fix/splice_diff.h"

#include <gtest/gtest.h>

namespace hybridctl::fix {
namespace splice_diff_test {

TEST(SpliceDiff, OneHunkPerChangeWithThreeLinesOfContextAndRemovalsFirst) {
  std::string before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n";
  std::string after = "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\nk\nl\nm\n";
  EXPECT_EQ(unified_diff("/tmp/./x.yaml", before, after),
            "--- a/tmp/x.yaml\n+++ b/tmp/x.yaml\n"
            "@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
            "@@ -10,3 +10,4 @@\n j\n k\n l\n+m\n");
}

TEST(SpliceDiff, NothingForIdenticalTexts) { EXPECT_EQ(unified_diff("x", "a\n", "a\n"), ""); }

}  // namespace splice_diff_test
}  // namespace hybridctl::fix
