#include "live/resource_table.h"

namespace hybridctl::live {

const std::vector<ResourceSpec>& resource_table() {
  // Largest first: the pool takes them in order, so the pods' pages start
  // at once and the small lists fill the other connections meanwhile.
  static const std::vector<ResourceSpec> table = {
      {"", {"v1"}, "pods", "Pod", true, {}, "HN001 HN002 HN004 HN005 HN007 HN009 HN010 HN011 HN016"},
      {"apps", {"v1"}, "replicasets", "ReplicaSet", true, {}, "HN001 HN002 HN003 HN005 HN007 HN012"},
      {"discovery.k8s.io", {"v1"}, "endpointslices", "EndpointSlice", true, {}, "HN001 HN004 HN009 HN014"},
      {"", {"v1"}, "nodes", "Node", false, {}, "every rule"},
      {"", {"v1"}, "services", "Service", true, {}, "HN001 HN002 HN004 HN006 HN007 HN008 HN009 HN010 HN014"},
      {"apps", {"v1"}, "deployments", "Deployment", true, {}, "HN001 HN002 HN003 HN005 HN007 HN012 HN013"},
      {"apps", {"v1"}, "daemonsets", "DaemonSet", true, {}, "HN003 HN007 HN008 HN012"},
      {"apps", {"v1"}, "statefulsets", "StatefulSet", true, {}, "HN001 HN002 HN007 HN012"},
      {"batch", {"v1"}, "jobs", "Job", true, {}, "HN001 HN002 HN012"},
      {"batch", {"v1"}, "cronjobs", "CronJob", true, {}, "HN001 HN002 HN012"},
      {"", {"v1"}, "replicationcontrollers", "ReplicationController", true, {}, "HN001 HN002"},
      {"", {"v1"}, "namespaces", "Namespace", false, {}, "HN002 HN003 HN005 (namespace selectors)"},
      {"", {"v1"}, "configmaps", "ConfigMap", true, {"kube-system/cilium-config"}, "HN008 HN015 HN016"},
      {"admissionregistration.k8s.io",
       {"v1"},
       "mutatingwebhookconfigurations",
       "MutatingWebhookConfiguration",
       false,
       {},
       "HN001 HN002 HN012"},
      {"admissionregistration.k8s.io",
       {"v1"},
       "validatingwebhookconfigurations",
       "ValidatingWebhookConfiguration",
       false,
       {},
       "HN001 HN002 HN012"},
      {"apiregistration.k8s.io", {"v1"}, "apiservices", "APIService", false, {}, "HN001 HN002"},
      {"apiextensions.k8s.io",
       {"v1"},
       "customresourcedefinitions",
       "CustomResourceDefinition",
       false,
       {},
       "HN001 HN002"},
      {"networking.k8s.io", {"v1"}, "ingresses", "Ingress", true, {}, "HN010"},
      {"rbac.authorization.k8s.io", {"v1"}, "clusterrolebindings", "ClusterRoleBinding", false, {}, "HN011"},
      {"elbv2.k8s.aws", {"v1beta1"}, "targetgroupbindings", "TargetGroupBinding", true, {}, "HN010"},
      {"opentelemetry.io",
       {"v1beta1", "v1alpha1"},
       "opentelemetrycollectors",
       "OpenTelemetryCollector",
       true,
       {},
       "HN011 HN013"},
      {"crd.projectcalico.org", {"v1"}, "ippools", "IPPool", false, {}, "HN015 HN016"},
      {"crd.projectcalico.org", {"v1"}, "bgppeers", "BGPPeer", false, {}, "HN015 HN016"},
      {"operator.tigera.io", {"v1"}, "installations", "Installation", false, {}, "HN003 HN015 HN016"},
      {"cilium.io", {"v2"}, "ciliumnodes", "CiliumNode", false, {}, "HN015 HN016"},
      {"cilium.io", {"v2alpha1"}, "ciliumpodippools", "CiliumPodIPPool", false, {}, "HN015 HN016"},
      {"cilium.io", {"v2alpha1"}, "ciliumbgppeeringpolicies", "CiliumBGPPeeringPolicy", false, {}, "HN015 HN016"},
      {"cilium.io", {"v2", "v2alpha1"}, "ciliumbgpclusterconfigs", "CiliumBGPClusterConfig", false, {}, "HN015 HN016"},
      {"cilium.io", {"v2", "v2alpha1"}, "ciliumbgppeerconfigs", "CiliumBGPPeerConfig", false, {}, "HN015 HN016"},
      {"cilium.io", {"v2", "v2alpha1"}, "ciliumbgpadvertisements", "CiliumBGPAdvertisement", false, {}, "HN015 HN016"},
  };
  return table;
}

std::string resource_label(const ResourceSpec& spec) {
  return (spec.group.empty() ? std::string("core") : spec.group) + "/" + spec.resource;
}

}  // namespace hybridctl::live
