// Inputs shared by the micro-benchmarks: one realistic pod as `kubectl get
// -o json` and `-o yaml` print it (written by bench/gen: labels,
// annotations, managedFields, anti-affinity, a full status), and helpers that
// repeat it into a List or a multi-document stream.
#pragma once

#include <string>
#include <string_view>

namespace hybridctl::bench {

inline constexpr std::string_view kPodJson = R"json(
{
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
        "annotations": {
            "kubectl.kubernetes.io/restartedAt": "2026-10-01T08:00:00Z",
            "prometheus.io/port": "8080",
            "prometheus.io/scrape": "true"
        },
        "creationTimestamp": "2026-10-01T08:00:00Z",
        "generateName": "svc-00000-grqlqbsqbn-",
        "labels": {
            "app.kubernetes.io/instance": "svc-00000",
            "app.kubernetes.io/name": "svc-00000",
            "app.kubernetes.io/part-of": "team-000",
            "version": "v1",
            "pod-template-hash": "grqlqbsqbn"
        },
        "managedFields": [
            {
                "apiVersion": "v1",
                "fieldsType": "FieldsV1",
                "fieldsV1": {
                    ".": {},
                    "f:metadata": {
                        ".": {},
                        "f:generateName": {},
                        "f:labels": {},
                        "f:ownerReferences": {}
                    },
                    "f:spec": {
                        ".": {},
                        "f:containers": {},
                        "f:volumes": {}
                    }
                },
                "manager": "kube-controller-manager",
                "operation": "Update",
                "time": "2026-10-01T08:00:00Z"
            }
        ],
        "name": "svc-00000-grqlqbsqbn-533d8",
        "namespace": "team-000",
        "ownerReferences": [
            {
                "apiVersion": "apps/v1",
                "blockOwnerDeletion": true,
                "controller": true,
                "kind": "ReplicaSet",
                "name": "svc-00000-grqlqbsqbn",
                "uid": "d617cb5d-2c95-4661-afc4-d152c1c19226"
            }
        ],
        "resourceVersion": "100416",
        "uid": "ecfd2332-319d-461d-af89-0c4a4e74bb5a"
    },
    "spec": {
        "affinity": {
            "podAntiAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": [
                    {
                        "labelSelector": {
                            "matchLabels": {
                                "app.kubernetes.io/name": "svc-00000"
                            }
                        },
                        "topologyKey": "kubernetes.io/hostname"
                    }
                ]
            }
        },
        "containers": [
            {
                "env": [
                    {
                        "name": "LOG_LEVEL",
                        "value": "info"
                    }
                ],
                "image": "123456789012.dkr.ecr.us-west-2.amazonaws.com/svc-00000:1.0.0",
                "imagePullPolicy": "IfNotPresent",
                "livenessProbe": {
                    "httpGet": {
                        "path": "/healthz",
                        "port": 8080
                    }
                },
                "name": "svc-00000",
                "ports": [
                    {
                        "containerPort": 8080,
                        "name": "http",
                        "protocol": "TCP"
                    }
                ],
                "resources": {
                    "limits": {
                        "memory": "512Mi"
                    },
                    "requests": {
                        "cpu": "100m",
                        "memory": "128Mi"
                    }
                },
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File",
                "volumeMounts": [
                    {
                        "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
                        "name": "kube-api-access"
                    }
                ]
            },
            {
                "env": [
                    {
                        "name": "LOG_LEVEL",
                        "value": "info"
                    }
                ],
                "image": "public.ecr.aws/envoyproxy/envoy:v1.31.2",
                "imagePullPolicy": "IfNotPresent",
                "livenessProbe": {
                    "httpGet": {
                        "path": "/healthz",
                        "port": 8081
                    }
                },
                "name": "sidecar-1",
                "ports": [
                    {
                        "containerPort": 8081,
                        "name": "http-1",
                        "protocol": "TCP"
                    }
                ],
                "resources": {
                    "limits": {
                        "memory": "512Mi"
                    },
                    "requests": {
                        "cpu": "100m",
                        "memory": "128Mi"
                    }
                },
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File",
                "volumeMounts": [
                    {
                        "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
                        "name": "kube-api-access"
                    }
                ]
            }
        ],
        "dnsPolicy": "ClusterFirst",
        "enableServiceLinks": true,
        "nodeName": "ip-10-0-22-10.us-west-2.compute.internal",
        "preemptionPolicy": "PreemptLowerPriority",
        "priority": 0,
        "restartPolicy": "Always",
        "schedulerName": "default-scheduler",
        "securityContext": {},
        "serviceAccount": "svc-00000",
        "serviceAccountName": "svc-00000",
        "terminationGracePeriodSeconds": 30,
        "tolerations": [
            {
                "effect": "NoExecute",
                "key": "node.kubernetes.io/not-ready",
                "operator": "Exists",
                "tolerationSeconds": 300
            },
            {
                "effect": "NoExecute",
                "key": "node.kubernetes.io/unreachable",
                "operator": "Exists",
                "tolerationSeconds": 300
            }
        ],
        "volumes": [
            {
                "name": "kube-api-access",
                "projected": {
                    "defaultMode": 420,
                    "sources": [
                        {
                            "serviceAccountToken": {
                                "expirationSeconds": 3607,
                                "path": "token"
                            }
                        }
                    ]
                }
            }
        ]
    },
    "status": {
        "conditions": [
            {
                "lastTransitionTime": "2026-10-01T08:01:12Z",
                "status": "True",
                "type": "Initialized"
            },
            {
                "lastTransitionTime": "2026-10-01T08:01:12Z",
                "status": "True",
                "type": "Ready"
            },
            {
                "lastTransitionTime": "2026-10-01T08:01:12Z",
                "status": "True",
                "type": "PodScheduled"
            }
        ],
        "containerStatuses": [
            {
                "containerID": "containerd://50aec6308e9b2bde50aec6308e9b2bde50aec6308e9b2bde50aec6308e9b2bde",
                "image": "123456789012.dkr.ecr.us-west-2.amazonaws.com/svc-00000:1.0.0",
                "imageID": "123456789012.dkr.ecr.us-west-2.amazonaws.com/svc-00000@sha256:abababababababababababababababababababababababababababababababab",
                "name": "svc-00000",
                "ready": true,
                "restartCount": 0,
                "started": true,
                "state": {
                    "running": {
                        "startedAt": "2026-10-01T08:01:12Z"
                    }
                }
            },
            {
                "containerID": "containerd://50aec6308e9b2bde50aec6308e9b2bde50aec6308e9b2bde50aec6308e9b2bde",
                "image": "public.ecr.aws/envoyproxy/envoy:v1.31.2",
                "imageID": "public.ecr.aws/envoyproxy/envoy@sha256:abababababababababababababababababababababababababababababababab",
                "name": "sidecar-1",
                "ready": true,
                "restartCount": 0,
                "started": true,
                "state": {
                    "running": {
                        "startedAt": "2026-10-01T08:01:12Z"
                    }
                }
            }
        ],
        "hostIP": "10.0.22.10",
        "phase": "Running",
        "podIP": "10.64.22.3",
        "podIPs": [
            {
                "ip": "10.64.22.3"
            }
        ],
        "qosClass": "Burstable",
        "startTime": "2026-10-01T08:01:12Z"
    }
})json";

inline constexpr std::string_view kPodYaml = R"yaml(
apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubectl.kubernetes.io/restartedAt: "2026-10-01T08:00:00Z"
    prometheus.io/port: "8080"
    prometheus.io/scrape: "true"
  creationTimestamp: "2026-10-01T08:00:00Z"
  generateName: svc-00000-grqlqbsqbn-
  labels:
    app.kubernetes.io/instance: svc-00000
    app.kubernetes.io/name: svc-00000
    app.kubernetes.io/part-of: team-000
    version: v1
    pod-template-hash: grqlqbsqbn
  managedFields:
  - apiVersion: v1
    fieldsType: FieldsV1
    fieldsV1:
      ".": {}
      "f:metadata":
        ".": {}
        "f:generateName": {}
        "f:labels": {}
        "f:ownerReferences": {}
      "f:spec":
        ".": {}
        "f:containers": {}
        "f:volumes": {}
    manager: kube-controller-manager
    operation: Update
    time: "2026-10-01T08:00:00Z"
  name: svc-00000-grqlqbsqbn-533d8
  namespace: team-000
  ownerReferences:
  - apiVersion: apps/v1
    blockOwnerDeletion: true
    controller: true
    kind: ReplicaSet
    name: svc-00000-grqlqbsqbn
    uid: d617cb5d-2c95-4661-afc4-d152c1c19226
  resourceVersion: "100416"
  uid: ecfd2332-319d-461d-af89-0c4a4e74bb5a
spec:
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector:
          matchLabels:
            app.kubernetes.io/name: svc-00000
        topologyKey: kubernetes.io/hostname
  containers:
  - env:
    - name: LOG_LEVEL
      value: info
    image: "123456789012.dkr.ecr.us-west-2.amazonaws.com/svc-00000:1.0.0"
    imagePullPolicy: IfNotPresent
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
    name: svc-00000
    ports:
    - containerPort: 8080
      name: http
      protocol: TCP
    resources:
      limits:
        memory: "512Mi"
      requests:
        cpu: "100m"
        memory: "128Mi"
    terminationMessagePath: /dev/termination-log
    terminationMessagePolicy: File
    volumeMounts:
    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      name: kube-api-access
  - env:
    - name: LOG_LEVEL
      value: info
    image: "public.ecr.aws/envoyproxy/envoy:v1.31.2"
    imagePullPolicy: IfNotPresent
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8081
    name: sidecar-1
    ports:
    - containerPort: 8081
      name: http-1
      protocol: TCP
    resources:
      limits:
        memory: "512Mi"
      requests:
        cpu: "100m"
        memory: "128Mi"
    terminationMessagePath: /dev/termination-log
    terminationMessagePolicy: File
    volumeMounts:
    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      name: kube-api-access
  dnsPolicy: ClusterFirst
  enableServiceLinks: true
  nodeName: ip-10-0-22-10.us-west-2.compute.internal
  preemptionPolicy: PreemptLowerPriority
  priority: 0
  restartPolicy: Always
  schedulerName: default-scheduler
  securityContext: {}
  serviceAccount: svc-00000
  serviceAccountName: svc-00000
  terminationGracePeriodSeconds: 30
  tolerations:
  - effect: NoExecute
    key: node.kubernetes.io/not-ready
    operator: Exists
    tolerationSeconds: 300
  - effect: NoExecute
    key: node.kubernetes.io/unreachable
    operator: Exists
    tolerationSeconds: 300
  volumes:
  - name: kube-api-access
    projected:
      defaultMode: 420
      sources:
      - serviceAccountToken:
          expirationSeconds: 3607
          path: token
status:
  conditions:
  - lastTransitionTime: "2026-10-01T08:01:12Z"
    status: "True"
    type: Initialized
  - lastTransitionTime: "2026-10-01T08:01:12Z"
    status: "True"
    type: Ready
  - lastTransitionTime: "2026-10-01T08:01:12Z"
    status: "True"
    type: PodScheduled
  containerStatuses:
  - containerID: "containerd://50aec6308e9b2bde50aec6308e9b2bde50aec6308e9b2bde50aec6308e9b2bde"
    image: "123456789012.dkr.ecr.us-west-2.amazonaws.com/svc-00000:1.0.0"
    imageID: "123456789012.dkr.ecr.us-west-2.amazonaws.com/svc-00000@sha256:abababababababababababababababababababababababababababababababab"
    name: svc-00000
    ready: true
    restartCount: 0
    started: true
    state:
      running:
        startedAt: "2026-10-01T08:01:12Z"
  - containerID: "containerd://50aec6308e9b2bde50aec6308e9b2bde50aec6308e9b2bde50aec6308e9b2bde"
    image: "public.ecr.aws/envoyproxy/envoy:v1.31.2"
    imageID: "public.ecr.aws/envoyproxy/envoy@sha256:abababababababababababababababababababababababababababababababab"
    name: sidecar-1
    ready: true
    restartCount: 0
    started: true
    state:
      running:
        startedAt: "2026-10-01T08:01:12Z"
  hostIP: "10.0.22.10"
  phase: Running
  podIP: "10.64.22.3"
  podIPs:
  - ip: "10.64.22.3"
  qosClass: Burstable
  startTime: "2026-10-01T08:01:12Z"
)yaml";

// A `kubectl get -o json` List of `n` copies of the pod.
inline std::string pod_list_json(int n) {
  std::string out = "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [";
  for (int i = 0; i < n; ++i) {
    if (i) out += ",";
    out += kPodJson;
  }
  out += "]}";
  return out;
}

// `n` copies of the pod as a multi-document YAML stream.
inline std::string pod_stream_yaml(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += "---";
    out += kPodYaml;
  }
  return out;
}

}  // namespace hybridctl::bench
