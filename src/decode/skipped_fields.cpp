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

// metadata: bookkeeping of the API server.
constexpr std::string_view kSkippedMetadata[] = {"creationTimestamp", "resourceVersion", "generation", "selfLink"};
// status: per-container states, a node's images, volume bookkeeping, times
// and a pod's QoS class.
constexpr std::string_view kSkippedStatus[] = {"containerStatuses",
                                               "initContainerStatuses",
                                               "ephemeralContainerStatuses",
                                               "images",
                                               "volumesInUse",
                                               "volumesAttached",
                                               "startTime",
                                               "qosClass"};
// A spec: a pod's volumes, and the pod fields kubectl prints with their
// defaults that no rule reads (the Spec scope also covers other kinds'
// specs: none of their decoders reads these names either).
constexpr std::string_view kSkippedSpec[] = {"volumes",          "dnsPolicy",          "enableServiceLinks",
                                             "preemptionPolicy", "restartPolicy",      "securityContext",
                                             "serviceAccount",   "serviceAccountName", "terminationGracePeriodSeconds"};
// A container: environment, probes, mounts, hooks and its pull and
// termination bookkeeping.
constexpr std::string_view kSkippedContainer[] = {"env",
                                                  "envFrom",
                                                  "livenessProbe",
                                                  "readinessProbe",
                                                  "startupProbe",
                                                  "volumeMounts",
                                                  "volumeDevices",
                                                  "lifecycle",
                                                  "imagePullPolicy",
                                                  "terminationMessagePath",
                                                  "terminationMessagePolicy"};
// A status condition: only its type and status are read.
constexpr std::string_view kSkippedCondition[] = {"lastTransitionTime", "lastProbeTime", "lastHeartbeatTime",
                                                  "lastUpdateTime",     "message",       "reason"};
constexpr std::string_view kContainerLists[] = {"containers", "initContainers", "ephemeralContainers"};

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
      if (key == "managedFields") return FieldScope::ManagedFields;
      skip = one_of(key, kSkippedMetadata);
      return FieldScope::Other;
    case FieldScope::FieldManager:
      skip = key != "manager";  // fieldsV1, the bulk of every entry, and its bookkeeping
      return FieldScope::Other;
    case FieldScope::Status:
      if (key == "conditions") return FieldScope::Conditions;
      skip = one_of(key, kSkippedStatus);
      return FieldScope::Other;
    case FieldScope::Condition:
      skip = one_of(key, kSkippedCondition);
      return FieldScope::Other;
    case FieldScope::Spec:
      if (key == "template" || key == "jobTemplate") return FieldScope::Template;
      if (one_of(key, kContainerLists)) return FieldScope::Containers;
      skip = one_of(key, kSkippedSpec);
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
    case FieldScope::Conditions:
    case FieldScope::ManagedFields:
    case FieldScope::Other:
      return FieldScope::Other;
  }
  return FieldScope::Other;
}

}  // namespace hybridctl::decode
