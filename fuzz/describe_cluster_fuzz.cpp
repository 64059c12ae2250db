// The `aws eks describe-cluster` reader: a document with a top-level
// `cluster` (and no `kind`) becomes ClusterInfo, its remote networks parsed
// as CIDRs. The fuzzer's document is used both as it is and wrapped as the
// `cluster` member, so mutations reach the fields without first having to
// discover the envelope.
#include <cstdint>

#include "core/cidr.h"
#include "decode/object_decoder.h"
#include "fuzz_support.h"
#include "model/snapshot.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hybridctl;
  static const std::string path = "<fuzz>";
  model::Snapshot snapshot;
  Diagnostics diagnostics;
  decode::ObjectDecoder decoder(snapshot, diagnostics);
  decode::read_yaml(fuzz::as_text(data, size), 0, path, [&](Value&& root, const decode::DocumentContext& ctx) {
    decoder.decode_document(root, ctx);
    Value wrapped = Value::object(root.offset());
    wrapped.add_member("cluster", std::move(root));
    decoder.decode_document(wrapped, ctx);
  });
  // The routability analysis parses the networks next; garbage there is a
  // user-facing error, never a crash.
  if (snapshot.cluster_info) {
    for (const std::string& c : snapshot.cluster_info->remote_node_networks) Cidr::parse(c);
    for (const std::string& c : snapshot.cluster_info->remote_pod_networks) Cidr::parse(c);
  }
  return 0;
}
