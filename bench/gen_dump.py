#!/usr/bin/env python3
"""Writes a `kubectl get -o json`-style List of pods (4-space indent, as kubectl
prints it) of about SIZE_MB megabytes, for memory and speed measurements.
Deterministic; never committed. Usage: gen_dump.py OUT SIZE_MB"""
import json, sys

out, size_mb = sys.argv[1], int(sys.argv[2])
target = size_mb * 1024 * 1024
with open(out, "w") as f:
    f.write('{\n    "apiVersion": "v1",\n    "items": [\n')
    written, i = 0, 0
    while written < target:
        node = f"mi-{i % 50:04d}" if i % 3 == 0 else f"ip-192-168-{i % 200}-{i % 250}.compute.internal"
        pod = {
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": f"app-{i}", "namespace": f"ns-{i % 40}", "uid": f"uid-{i:012d}",
                         "labels": {"app": f"app-{i % 500}", "pod-template-hash": "5d78c9869d", "tier": "backend"},
                         "annotations": {"kubectl.kubernetes.io/restartedAt": "2026-01-01T00:00:00Z"},
                         "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": f"app-{i % 500}-5d78c9869d",
                                              "uid": f"rs-{i % 500}", "controller": True}],
                         "managedFields": [{"manager": "kube-controller-manager", "operation": "Update",
                                            "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:app": {}}}}}]},
            "spec": {"nodeName": node,
                     "containers": [{"name": "app", "image": "registry.example.com/app:1.2.3",
                                     "ports": [{"containerPort": 8080, "name": "http", "protocol": "TCP"}],
                                     "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}},
                                     "env": [{"name": f"E{k}", "value": "x" * 40} for k in range(6)]}],
                     "affinity": {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                         {"weight": 100, "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname",
                                                             "labelSelector": {"matchLabels": {"app": f"app-{i % 500}"}}}}]}},
                     "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute",
                                      "tolerationSeconds": 300}]},
            "status": {"phase": "Running", "podIP": f"10.{85 if i % 3 == 0 else 90}.{(i // 250) % 250}.{i % 250}",
                       "hostIP": "192.168.1.1",
                       "conditions": [{"type": "Ready", "status": "True"}, {"type": "PodScheduled", "status": "True"}]},
        }
        text = json.dumps(pod, indent=4)
        text = "\n".join("        " + line for line in text.split("\n"))
        if i:
            f.write(",\n")
        f.write(text)
        written += len(text) + 2
        i += 1
    f.write('\n    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n')
print(f"{out}: {i} pods")
