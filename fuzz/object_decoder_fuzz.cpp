// The object decoders: a parsed document (any shape, any types) to the model.
// A wrong type must become a positioned error that skips the object, never
// a crash or undefined behaviour; the snapshot must still index cleanly.
// Inputs are YAML streams (JSON parses as YAML too), like manifests on disk.
#include <cstdint>

#include "decode/object_decoder.h"
#include "fuzz_support.h"
#include "model/snapshot.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hybridctl;
  static const std::string path = "<fuzz>";
  model::Snapshot snapshot;
  snapshot.files.push_back(path);
  Diagnostics diagnostics;
  decode::ObjectDecoder decoder(snapshot, diagnostics);
  decode::read_yaml(fuzz::as_text(data, size), 0, path, [&](Value&& root, const decode::DocumentContext& ctx) {
    decoder.decode_document(root, ctx);
    // The same object as one item of a streamed List, as `kubectl get -o json`
    // gives it.
    decoder.decode_item(root, ctx, "Pod");
  });
  snapshot.build_indexes();
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.message.empty()) __builtin_trap();
    d.format();
  }
  snapshot.object_count();
  return 0;
}
