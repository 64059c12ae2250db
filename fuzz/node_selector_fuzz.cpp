// core/v1 node selection: decoding an affinity / nodeSelector of any shape
// and every question the analyses ask of it (Filter, Score, "could some node
// with / without this label match"). Input: a YAML mapping
// `{affinity: ..., nodeSelector: ..., labels: ..., name: ...}`.
#include <cstdint>

#include "decode/decode_pod_spec.h"
#include "decode/field_reader.h"
#include "fuzz_support.h"
#include "k8s/node_affinity.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hybridctl;
  for (const Value& doc : fuzz::parse_documents(fuzz::as_text(data, size))) {
    try {
      StringMap node_selector = decode::read_string_map(doc.get("nodeSelector"), "nodeSelector");
      StringMap labels = decode::read_string_map(doc.get("labels"), "labels");
      std::string name = decode::read_string(doc.get("name"), "name");
      std::optional<model::NodeAffinity> node_affinity;
      if (const Value* affinity = doc.get("affinity"); affinity && affinity->is_object()) {
        node_affinity = decode::decode_affinity(*affinity).node_affinity;
      }
      model::NodeSelector required = decode::decode_node_selector(doc.get("required"), "required");
      k8s::node_selector_matches(required, name, labels);
      k8s::required_node_affinity_matches(node_selector, node_affinity, name, labels);
      if (node_affinity) {
        k8s::preferred_node_affinity_raw_score(node_affinity->preferred, labels, name);
        k8s::preferred_terms_error(node_affinity->preferred);
      }
      k8s::could_match_with_label(node_selector, node_affinity, "eks.amazonaws.com/compute-type", "hybrid");
      k8s::could_match_without_label(node_selector, node_affinity, "eks.amazonaws.com/compute-type");
      std::vector<int64_t> raw;
      for (const auto& [key, value] : labels) raw.push_back(static_cast<int64_t>(value.size()) - 3);
      k8s::normalize_scores(raw, !labels.empty() && labels.begin()->first.size() % 2 == 0);
    } catch (const decode::DecodeError&) {
      // A wrong type is reported by the decoders; what matters is no crash.
    }
  }
  return 0;
}
