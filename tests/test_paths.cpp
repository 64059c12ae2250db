#include "test_paths.h"

namespace hybridctl::testing {
const char* source_dir_path() { return TEST_PATHS_SOURCE_DIR; }
const char* binary_path() { return TEST_PATHS_BINARY; }
}  // namespace hybridctl::testing
