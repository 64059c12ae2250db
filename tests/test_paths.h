// Where the tests find the source tree and the binary under test. Defined in
// test_paths.cpp alone, so that the checkout's absolute path reaches one
// object file and every other test object is the same in every clone or
// worktree (ccache shares them).
#pragma once

namespace hybridctl::testing {
const char* source_dir_path();
const char* binary_path();
}  // namespace hybridctl::testing

#define HYBRIDCTL_SOURCE_DIR (::hybridctl::testing::source_dir_path())
#define HYBRIDCTL_BINARY (::hybridctl::testing::binary_path())
