#include "decode/skipped_fields.h"

namespace hybridctl::decode {
namespace {

template <size_t N>
bool one_of(std::string_view key, const std::string_view (&set)[N]) {
  for (std::string_view s : set) {
    if (s == key) return true;
  }
  return false;
}

// status: per-container states, a node's images and volume bookkeeping.
constexpr std::string_view kSkippedStatus[] = {
    "containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses", "images",
    "volumesInUse",      "volumesAttached"};
// A container: environment, probes, mounts and hooks.
constexpr std::string_view kSkippedContainer[] = {
    "env",          "envFrom",      "livenessProbe", "readinessProbe",
    "startupProbe", "volumeMounts", "volumeDevices", "lifecycle"};
constexpr std::string_view kContainerLists[] = {"containers", "initContainers",
                                                "ephemeralContainers"};

}  // namespace

FieldScope member_scope(FieldScope parent, std::string_view key, bool& skip) {
  skip = false;
  switch (parent) {
    case FieldScope::Object:
      if (key == "metadata") return FieldScope::Metadata;
      if (key == "status") return FieldScope::Status;
      if (key == "spec") return FieldScope::Spec;
      if (key == "items") return FieldScope::Items;
      return FieldScope::Other;
    case FieldScope::Metadata:
      skip = key == "managedFields";
      return FieldScope::Other;
    case FieldScope::Status:
      skip = one_of(key, kSkippedStatus);
      return FieldScope::Other;
    case FieldScope::Spec:
      if (key == "template" || key == "jobTemplate") return FieldScope::Template;
      if (one_of(key, kContainerLists)) return FieldScope::Containers;
      skip = key == "volumes";
      return FieldScope::Other;
    case FieldScope::Template:
      if (key == "metadata") return FieldScope::Metadata;
      if (key == "spec") return FieldScope::Spec;
      return FieldScope::Other;
    case FieldScope::Container:
      skip = one_of(key, kSkippedContainer);
      return FieldScope::Other;
    case FieldScope::Items:
    case FieldScope::Containers:
    case FieldScope::Other:
      return FieldScope::Other;
  }
  return FieldScope::Other;
}

}  // namespace hybridctl::decode
