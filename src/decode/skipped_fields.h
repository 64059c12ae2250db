// The bulky parts of Kubernetes objects that no rule or analysis reads, and
// which the readers therefore never build into a Value: managedFields (but
// each entry's `manager`, which tells an EKS add-on's objects),
// container/pod volumes, env and probes, per-container statuses, a node's
// image list, and the small bookkeeping every object repeats (timestamps,
// resourceVersion, a pod's restart and DNS policies, a condition's times
// and message). In a `kubectl get -o json` dump of pods they are about half the
// bytes; skipping them is what keeps decoding close to the parser's speed
// (ARCHITECTURE.md: "Decode only the fields that a rule or an analysis
// reads"). A rule that needs one of them removes it here.
//
// Skipping is by position, not by name alone: `env` is skipped only in a
// container of a pod spec, never inside, say, an OpenTelemetryCollector's
// free-form `config`.
#pragma once

#include <cstdint>
#include <string_view>

namespace hybridctl::decode {

// Where a mapping sits in an object; Other (anywhere else) skips nothing.
enum class FieldScope : uint8_t {
  Object,         // a top-level object (a document, or one item of a List)
  Items,          // the items of a List (each one an Object)
  Metadata,       // metadata of an object or a pod template
  Status,         // status of an object
  Spec,           // spec of an object, a pod template or a job template
  Template,       // spec.template / spec.jobTemplate
  Containers,     // a containers / initContainers / ephemeralContainers list
  Container,      // one element of such a list
  Conditions,     // status.conditions
  Condition,      // one element of it
  ManagedFields,  // metadata.managedFields
  FieldManager,   // one element of it: only `manager` is read
  Other,
};

// The scope of the value under `key` in a mapping of scope `parent`, or
// `skip == true` when that value is never read.
FieldScope member_scope(FieldScope parent, std::string_view key, bool& skip);

// The scope of an element of a list of scope `parent`.
inline FieldScope element_scope(FieldScope parent) {
  if (parent == FieldScope::Items) return FieldScope::Object;
  if (parent == FieldScope::Conditions) return FieldScope::Condition;
  if (parent == FieldScope::ManagedFields) return FieldScope::FieldManager;
  return parent == FieldScope::Containers ? FieldScope::Container : FieldScope::Other;
}

}  // namespace hybridctl::decode
