#!/usr/bin/env python3
"""A stand-in for the Kubernetes API server, for the tests of `--live`.

Serves a recorded object set the way the API does: discovery (/version, /api,
/apis), collections paged with limit/continue (items without kind, as the API
sends them), objects by name. It enforces an RBAC file (deploy/rbac-readonly.yaml:
anything outside it is 403), optionally a bearer token (401 otherwise), counts
the calls per path, and injects the faults the tests need: a missing API group,
an expired continue token (410 Gone), a connection closed mid-page.
Binds 127.0.0.1 only, on a free port it writes to --port-file.
"""
import argparse
import json
import os
import random
import signal
import ssl
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import yaml

# kind -> (group, version, plural, namespaced): what the stand-in can serve.
KINDS = {
    "Pod": ("", "v1", "pods", True),
    "Node": ("", "v1", "nodes", False),
    "Service": ("", "v1", "services", True),
    "Namespace": ("", "v1", "namespaces", False),
    "ConfigMap": ("", "v1", "configmaps", True),
    "Secret": ("", "v1", "secrets", True),
    "ReplicationController": ("", "v1", "replicationcontrollers", True),
    "Deployment": ("apps", "v1", "deployments", True),
    "ReplicaSet": ("apps", "v1", "replicasets", True),
    "DaemonSet": ("apps", "v1", "daemonsets", True),
    "StatefulSet": ("apps", "v1", "statefulsets", True),
    "Job": ("batch", "v1", "jobs", True),
    "CronJob": ("batch", "v1", "cronjobs", True),
    "EndpointSlice": ("discovery.k8s.io", "v1", "endpointslices", True),
    "MutatingWebhookConfiguration": ("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", False),
    "ValidatingWebhookConfiguration": ("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", False),
    "APIService": ("apiregistration.k8s.io", "v1", "apiservices", False),
    "CustomResourceDefinition": ("apiextensions.k8s.io", "v1", "customresourcedefinitions", False),
    "Ingress": ("networking.k8s.io", "v1", "ingresses", True),
    "ClusterRoleBinding": ("rbac.authorization.k8s.io", "v1", "clusterrolebindings", False),
    "TargetGroupBinding": ("elbv2.k8s.aws", "v1beta1", "targetgroupbindings", True),
    "OpenTelemetryCollector": ("opentelemetry.io", "v1beta1", "opentelemetrycollectors", True),
    "IPPool": ("crd.projectcalico.org", "v1", "ippools", False),
    "BGPPeer": ("crd.projectcalico.org", "v1", "bgppeers", False),
    "Installation": ("operator.tigera.io", "v1", "installations", False),
    "CiliumNode": ("cilium.io", "v2", "ciliumnodes", False),
    "CiliumPodIPPool": ("cilium.io", "v2alpha1", "ciliumpodippools", False),
    "CiliumBGPPeeringPolicy": ("cilium.io", "v2alpha1", "ciliumbgppeeringpolicies", False),
    "CiliumBGPClusterConfig": ("cilium.io", "v2alpha1", "ciliumbgpclusterconfigs", False),
    "CiliumBGPPeerConfig": ("cilium.io", "v2alpha1", "ciliumbgppeerconfigs", False),
    "CiliumBGPAdvertisement": ("cilium.io", "v2alpha1", "ciliumbgpadvertisements", False),
}
# Groups every cluster serves, whatever objects it holds.
BUILT_IN_GROUPS = {"", "apps", "batch", "discovery.k8s.io", "admissionregistration.k8s.io", "apiregistration.k8s.io",
                   "apiextensions.k8s.io", "networking.k8s.io", "rbac.authorization.k8s.io"}


def load_objects(paths):
    objects = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        try:
            docs = [json.loads(text)] if path.endswith(".json") else list(yaml.safe_load_all(text))
        except Exception:  # a Helm template or anything else not YAML: not an object set
            continue
        stack = list(reversed(docs))
        while stack:
            d = stack.pop()
            if not isinstance(d, dict):
                continue
            if d.get("kind", "").endswith("List") and isinstance(d.get("items"), list):
                stack.extend(reversed(d["items"]))
            elif d.get("kind") in KINDS:
                objects.append(d)
    return objects


def generate(nodes, pods):
    """Hybrid and cloud nodes, and pods spread over them (a ReplicaSet's worth each)."""
    out = []
    for i in range(nodes):
        hybrid = i % 4 == 0
        name = f"mi-gen{i:05d}" if hybrid else f"ip-10-0-{i // 250}-{i % 250}.us-west-2.compute.internal"
        labels = {"kubernetes.io/hostname": name, "kubernetes.io/os": "linux",
                  "topology.kubernetes.io/zone": "onprem" if hybrid else f"us-west-2{'abc'[i % 3]}"}
        if hybrid:
            labels["eks.amazonaws.com/compute-type"] = "hybrid"
        out.append({"apiVersion": "v1", "kind": "Node", "metadata": {"name": name, "labels": labels, "uid": f"node-{i}"},
                    "spec": {"podCIDR": f"10.85.{i % 250}.0/24"} if hybrid else {},
                    "status": {"addresses": [{"type": "InternalIP", "address": f"10.80.{i // 250}.{i % 250}" if hybrid else f"10.0.{i // 250}.{i % 250}"}],
                               "allocatable": {"cpu": "4", "memory": "16Gi", "pods": "110"},
                               "conditions": [{"type": "Ready", "status": "True"}],
                               "nodeInfo": {"kubeletVersion": "v1.31.2-eks"}}})
    node_names = [n["metadata"]["name"] for n in out]
    for i in range(pods):
        node = node_names[i % len(node_names)] if node_names else ""
        hybrid = node.startswith("mi-")
        out.append({"apiVersion": "v1", "kind": "Pod",
                    "metadata": {"name": f"batch-{i // 10}-{i:06d}", "namespace": "generated", "uid": f"pod-{i}",
                                 "labels": {"app": f"batch-{i // 10}"}},
                    "spec": {"nodeName": node, "containers": [{"name": "main", "image": "busybox:1.36",
                                                               "resources": {"requests": {"cpu": "10m"}}}]},
                    "status": {"phase": "Running", "podIP": (f"10.85.{i % 250}.{i % 200 + 2}" if hybrid else f"10.0.{100 + i % 100}.{i % 250}"),
                               "conditions": [{"type": "Ready", "status": "True"}]}})
    return out


def load_rbac(path):
    """(group, resource, verb, namespace or None, name or None) grants of the file's Roles and ClusterRoles."""
    grants = []
    with open(path, encoding="utf-8") as f:
        for d in yaml.safe_load_all(f):
            if not isinstance(d, dict) or d.get("kind") not in ("ClusterRole", "Role"):
                continue
            ns = d.get("metadata", {}).get("namespace") if d["kind"] == "Role" else None
            for rule in d.get("rules", []):
                for g in rule.get("apiGroups", []):
                    for r in rule.get("resources", []):
                        for v in rule.get("verbs", []):
                            names = rule.get("resourceNames") or [None]
                            for n in names:
                                grants.append((g, r, v, ns, n))
    return grants


def allowed(grants, group, resource, verb, namespace, name):
    for g, r, v, ns, n in grants:
        if g in (group, "*") and r in (resource, "*") and v in (verb, "*") \
                and (ns is None or ns == namespace) and (n is None or n == name):
            return True
    return False


class State:
    def __init__(self, args):
        self.args = args
        objects = []
        for path in args.objects:
            objects.extend(load_objects([path]))
        objects.extend(generate(args.generate_nodes, args.generate_pods))
        self.by_resource = {}
        for o in objects:
            group, version, plural, namespaced = KINDS[o["kind"]]
            if group in args.drop_group:
                continue
            meta = o.setdefault("metadata", {})
            if namespaced:
                meta.setdefault("namespace", "default")
            self.by_resource.setdefault((group, plural), []).append(o)
        self.groups = {}
        for kind, (group, version, plural, namespaced) in KINDS.items():
            if group in args.drop_group:
                continue
            if group in BUILT_IN_GROUPS or (group, plural) in self.by_resource or group in args.serve_group:
                self.groups.setdefault(group, {}).setdefault(version, []).append((plural, kind, namespaced))
        self.grants = load_rbac(args.rbac) if args.rbac else None
        self.calls = {}
        self.lock = threading.Lock()
        self.tokens = {}  # continue token -> (resource, offset)
        self.expired_once = set()
        self.closed_once = set()
        if args.dump:
            with open(args.dump, "w", encoding="utf-8") as f:
                json.dump({"apiVersion": "v1", "kind": "List", "items": [o for os_ in self.by_resource.values() for o in os_
                           if o["kind"] != "Secret"]}, f)

    def count(self, path):
        with self.lock:
            self.calls[path] = self.calls.get(path, 0) + 1
            if self.args.calls_file:
                tmp = self.args.calls_file + ".tmp"
                with open(tmp, "w", encoding="utf-8") as f:
                    json.dump(self.calls, f)
                os.replace(tmp, self.args.calls_file)


def make_handler(state):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def send_json(self, code, obj, close_after=None):
            body = json.dumps(obj, separators=(",", ":")).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if close_after is not None:
                self.wfile.write(body[:close_after])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(2)
                return
            self.wfile.write(body)

        def status(self, code, reason, message):
            self.send_json(code, {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                                  "message": message, "reason": reason, "code": code})

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            state.count(url.path)
            if state.args.token:
                if self.headers.get("Authorization") != "Bearer " + state.args.token:
                    return self.status(401, "Unauthorized", "Unauthorized")
            query = urllib.parse.parse_qs(url.query)
            parts = [p for p in url.path.split("/") if p]
            if parts == ["version"]:
                return self.send_json(200, {"major": "1", "minor": state.args.version.split(".")[1],
                                            "gitVersion": "v" + state.args.version + ".2-eks-stand-in"})
            if parts == ["api"]:
                return self.send_json(200, {"kind": "APIVersions", "versions": ["v1"]})
            if parts == ["apis"]:
                groups = []
                for g, versions in sorted(state.groups.items()):
                    if g == "":
                        continue
                    vs = [{"groupVersion": f"{g}/{v}", "version": v} for v in sorted(versions)]
                    groups.append({"name": g, "versions": vs, "preferredVersion": vs[0]})
                return self.send_json(200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
            # /api/v1/... or /apis/GROUP/VERSION/...
            if parts[:1] == ["api"] and len(parts) >= 2:
                group, version, rest = "", parts[1], parts[2:]
            elif parts[:1] == ["apis"] and len(parts) >= 3:
                group, version, rest = parts[1], parts[2], parts[3:]
            else:
                return self.status(404, "NotFound", "the server could not find the requested resource")
            namespace = None
            if len(rest) >= 2 and rest[0] == "namespaces" and len(rest) != 2:
                namespace, rest = rest[1], rest[2:]
            served = {p: (k, ns) for p, k, ns in state.groups.get(group, {}).get(version, [])}
            if not rest or rest[0] not in served:
                return self.status(404, "NotFound", "the server could not find the requested resource")
            resource = rest[0]
            name = rest[1] if len(rest) > 1 else None
            verb = "get" if name else "list"
            if state.grants is not None and not allowed(state.grants, group, resource, verb, namespace, name):
                who = "system:serviceaccount:hybridctl:hybridctl"
                return self.status(403, "Forbidden", f'{resource} is forbidden: User "{who}" cannot {verb} resource '
                                   f'"{resource}" in API group "{group}" at the cluster scope')
            if resource == "secrets":
                return self.status(500, "InternalError", "the stand-in refuses to serve Secrets: hybridctl must never ask")
            objects = state.by_resource.get((group, resource), [])
            if namespace is not None:
                objects = [o for o in objects if o["metadata"].get("namespace") == namespace]
            if name:
                for o in objects:
                    if o["metadata"].get("name") == name:
                        return self.send_json(200, o)
                return self.status(404, "NotFound", f'{resource} "{name}" not found')
            return self.list(group, version, resource, served[resource][0], objects, query)

        def list(self, group, version, resource, kind, objects, query):
            limit = int(query.get("limit", ["0"])[0] or 0)
            token = query.get("continue", [""])[0]
            offset = 0
            if token:
                with state.lock:
                    entry = state.tokens.get(token)
                if entry is None or entry[0] != resource:
                    return self.status(400, "BadRequest", "invalid continue token")
                offset = entry[1]
                if resource in state.args.expire_continue and resource not in state.expired_once:
                    state.expired_once.add(resource)
                    return self.status(410, "Expired", "The provided continue parameter is too old to display a "
                                       "consistent list result. You can start a new list without the continue parameter.")
            end = len(objects) if limit <= 0 else min(len(objects), offset + limit)
            items = []
            for o in objects[offset:end]:
                item = {k: v for k, v in o.items() if k not in ("kind", "apiVersion")}
                items.append(item)
            meta = {"resourceVersion": "12345"}
            if end < len(objects):
                new_token = f"{resource}-{end}-{random.getrandbits(32):08x}"
                with state.lock:
                    state.tokens[new_token] = (resource, end)
                meta["continue"] = new_token
                meta["remainingItemCount"] = len(objects) - end
            page = {"kind": kind + "List", "apiVersion": f"{group}/{version}" if group else version,
                    "metadata": meta, "items": items}
            close_after = None
            if resource in state.args.close_mid_page and offset > 0 and resource not in state.closed_once:
                state.closed_once.add(resource)
                close_after = len(json.dumps(page, separators=(",", ":"))) // 2
            self.send_json(200, page, close_after)

    return Handler


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("objects", nargs="*", help="JSON or YAML files of objects")
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--calls-file")
    ap.add_argument("--dump", help="write the served objects (with kinds) as one JSON List here")
    ap.add_argument("--rbac", help="enforce this file's Roles and ClusterRoles")
    ap.add_argument("--token", help="require this bearer token")
    ap.add_argument("--tls-cert")
    ap.add_argument("--tls-key")
    ap.add_argument("--version", default="1.31")
    ap.add_argument("--generate-nodes", type=int, default=0)
    ap.add_argument("--generate-pods", type=int, default=0)
    ap.add_argument("--drop-group", action="append", default=[])
    ap.add_argument("--serve-group", action="append", default=[])
    ap.add_argument("--expire-continue", action="append", default=[], help="410 on the first continue of RESOURCE")
    ap.add_argument("--close-mid-page", action="append", default=[], help="close mid-way through RESOURCE's 2nd page")
    args = ap.parse_args()
    state = State(args)
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    server.daemon_threads = True
    if args.tls_cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls_cert, args.tls_key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, args.port_file)
    signal.signal(signal.SIGTERM, lambda *a: threading.Thread(target=server.shutdown).start())
    server.serve_forever()


if __name__ == "__main__":
    main()
