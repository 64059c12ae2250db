// Measures the decoded model: loads the given files exactly as `hybridctl
// audit` does (decode::load_sources + indexes) and prints the heap bytes
// still in use afterwards (glibc mallinfo2), which is what the Snapshot and
// its indexes hold once every read buffer is gone, and the object count.
// bench/run divides the heap bytes by the file size.
#include <malloc.h>

#include <cstdio>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "decode/sources.h"
#include "model/snapshot.h"

int main(int argc, char** argv) {
  std::vector<std::string> inputs(argv + 1, argv + argc);
  if (inputs.empty()) {
    std::fprintf(stderr, "usage: %s FILE...\n", argv[0]);
    return 2;
  }
  struct mallinfo2 start = mallinfo2();
  size_t before = start.uordblks + start.hblkhd;
  hybridctl::model::Snapshot snapshot;
  hybridctl::Diagnostics diagnostics;
  // With the field-position table, as `fix` loads (the model's largest form).
  hybridctl::decode::load_sources(inputs, snapshot, diagnostics, {.field_positions = true});
  snapshot.build_indexes();
  malloc_trim(0);
  // Heap chunks in use plus the large blocks malloc maps on their own (the
  // pod array, index tables): both are the model's.
  struct mallinfo2 end = mallinfo2();
  size_t after = end.uordblks + end.hblkhd;
  std::printf("objects %zu pods %zu nodes %zu model-bytes %zu errors %d\n", snapshot.object_count(),
              snapshot.pods.size(), snapshot.nodes.size(), after - before, diagnostics.has_errors() ? 1 : 0);
  return diagnostics.has_errors() ? 1 : 0;
}
