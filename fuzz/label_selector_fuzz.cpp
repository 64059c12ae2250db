// metav1.LabelSelector: decoding (matchLabels / matchExpressions of any
// shape) and matching, plus the label key / value validators and the int64
// parser on raw text. The input is a YAML mapping `{selector: ..., labels: ...}`;
// raw bytes also go to the validators directly.
#include <cstdint>

#include "decode/decode_pod_spec.h"
#include "decode/field_reader.h"
#include "fuzz_support.h"
#include "k8s/label_selector.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hybridctl;
  std::string_view text = fuzz::as_text(data, size);
  k8s::label_key_error(text);
  k8s::label_value_error(text);
  k8s::parse_int64_base10(text);
  for (const Value& doc : fuzz::parse_documents(text)) {
    try {
      model::LabelSelector selector = decode::decode_label_selector(doc.get("selector"), "selector");
      StringMap labels = decode::read_string_map(doc.get("labels"), "labels");
      k8s::label_selector_matches(selector, labels);
      k8s::selector_map_matches(selector.match_labels, labels);
    } catch (const decode::DecodeError&) {
      // A wrong type is reported by the decoders; what matters is no crash.
    }
  }
  return 0;
}
