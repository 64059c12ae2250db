#include "live/resource_table.h"

namespace hybridctl::live {

const std::vector<ResourceSpec>& resource_table() {
  // Largest first: the pool takes them in order, so the pods' pages start
  // at once and the small lists fill the other connections meanwhile.
  static const std::vector<ResourceSpec> table = {
      {"", {"v1"}, "pods", "Pod", true, {}},
      {"apps", {"v1"}, "replicasets", "ReplicaSet", true, {}},
      {"discovery.k8s.io", {"v1"}, "endpointslices", "EndpointSlice", true, {}},
      {"", {"v1"}, "nodes", "Node", false, {}},
      {"", {"v1"}, "services", "Service", true, {}},
      {"apps", {"v1"}, "deployments", "Deployment", true, {}},
      {"apps", {"v1"}, "daemonsets", "DaemonSet", true, {}},
      {"apps", {"v1"}, "statefulsets", "StatefulSet", true, {}},
      {"batch", {"v1"}, "jobs", "Job", true, {}},
      {"batch", {"v1"}, "cronjobs", "CronJob", true, {}},
      {"", {"v1"}, "replicationcontrollers", "ReplicationController", true, {}},
      {"", {"v1"}, "namespaces", "Namespace", false, {}},
      {"", {"v1"}, "configmaps", "ConfigMap", true, {"kube-system/cilium-config"}},
      {"admissionregistration.k8s.io",
       {"v1"},
       "mutatingwebhookconfigurations",
       "MutatingWebhookConfiguration",
       false,
       {}},
      {"admissionregistration.k8s.io",
       {"v1"},
       "validatingwebhookconfigurations",
       "ValidatingWebhookConfiguration",
       false,
       {}},
      {"apiregistration.k8s.io", {"v1"}, "apiservices", "APIService", false, {}},
      {"apiextensions.k8s.io", {"v1"}, "customresourcedefinitions", "CustomResourceDefinition", false, {}},
      {"networking.k8s.io", {"v1"}, "ingresses", "Ingress", true, {}},
      {"rbac.authorization.k8s.io", {"v1"}, "clusterrolebindings", "ClusterRoleBinding", false, {}},
      {"elbv2.k8s.aws", {"v1beta1"}, "targetgroupbindings", "TargetGroupBinding", true, {}},
      {"opentelemetry.io", {"v1beta1", "v1alpha1"}, "opentelemetrycollectors", "OpenTelemetryCollector", true, {}},
      {"crd.projectcalico.org", {"v1"}, "ippools", "IPPool", false, {}},
      {"crd.projectcalico.org", {"v1"}, "bgppeers", "BGPPeer", false, {}},
      {"operator.tigera.io", {"v1"}, "installations", "Installation", false, {}},
      {"cilium.io", {"v2"}, "ciliumnodes", "CiliumNode", false, {}},
      {"cilium.io", {"v2alpha1"}, "ciliumpodippools", "CiliumPodIPPool", false, {}},
      {"cilium.io", {"v2alpha1"}, "ciliumbgppeeringpolicies", "CiliumBGPPeeringPolicy", false, {}},
      {"cilium.io", {"v2", "v2alpha1"}, "ciliumbgpclusterconfigs", "CiliumBGPClusterConfig", false, {}},
      {"cilium.io", {"v2", "v2alpha1"}, "ciliumbgppeerconfigs", "CiliumBGPPeerConfig", false, {}},
      {"cilium.io", {"v2", "v2alpha1"}, "ciliumbgpadvertisements", "CiliumBGPAdvertisement", false, {}},
  };
  return table;
}

std::string resource_label(const ResourceSpec& spec) {
  return (spec.group.empty() ? std::string("core") : spec.group) + "/" + spec.resource;
}

}  // namespace hybridctl::live
