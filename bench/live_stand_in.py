#!/usr/bin/python3
"""The API server stand-in of the live benchmark: serves a bench/gen cluster's
objects as paged Lists that are rendered once, before the first request, and
then sent from memory, so a live read measures the client (hybridctl), not the
server. HTTPS on 127.0.0.1 (a free port written to --port-file), as the
in-cluster path reads it. Items keep the exact bytes of bench/gen's
cluster.json (kubectl's indentation, kind included), so the live and the
offline audit decode the same text.

Usage: bench/live_stand_in.py CLUSTER_JSON --port-file F --tls-cert C --tls-key K [--page-size 500]
"""
import argparse
import os
import ssl
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# kind -> URL collection path (the resources hybridctl reads; see src/live/resource_table.cpp)
COLLECTIONS = {
    "Pod": "/api/v1/pods", "Node": "/api/v1/nodes", "Service": "/api/v1/services",
    "Namespace": "/api/v1/namespaces", "ReplicationController": "/api/v1/replicationcontrollers",
    "Deployment": "/apis/apps/v1/deployments", "ReplicaSet": "/apis/apps/v1/replicasets",
    "DaemonSet": "/apis/apps/v1/daemonsets", "StatefulSet": "/apis/apps/v1/statefulsets",
    "Job": "/apis/batch/v1/jobs", "CronJob": "/apis/batch/v1/cronjobs",
    "EndpointSlice": "/apis/discovery.k8s.io/v1/endpointslices",
    "MutatingWebhookConfiguration": "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations",
    "ValidatingWebhookConfiguration": "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations",
    "APIService": "/apis/apiregistration.k8s.io/v1/apiservices",
    "CustomResourceDefinition": "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
    "Ingress": "/apis/networking.k8s.io/v1/ingresses",
    "ClusterRoleBinding": "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
}
GROUPS = ["apps/v1", "batch/v1", "discovery.k8s.io/v1", "admissionregistration.k8s.io/v1", "apiregistration.k8s.io/v1",
          "apiextensions.k8s.io/v1", "networking.k8s.io/v1", "rbac.authorization.k8s.io/v1"]


def split_items(path):
    """(kind, item bytes) of each item of a bench/gen List: items start at a line
    of 8 spaces and '{' and end at the next line of 8 spaces and '}'."""
    with open(path, "rb") as f:
        current, kind = [], None
        for line in f:
            if current:
                current.append(line)
                if kind is None and line.startswith(b'            "kind": "'):
                    kind = line.split(b'"')[3].decode()
                if line.startswith(b"        }"):
                    text = b"".join(current).rstrip(b"\n").rstrip(b",")
                    yield kind, text
                    current, kind = [], None
            elif line == b"        {\n":
                current = [line]


def render(path, page_size):
    by_kind = {}
    objects = 0
    cilium_config = None
    for kind, text in split_items(path):
        objects += 1
        if kind == "ConfigMap" and b'"name": "cilium-config"' in text and b'"namespace": "kube-system"' in text:
            cilium_config = text
        if kind in COLLECTIONS:
            by_kind.setdefault(kind, []).append(text)
    pages = {}  # (path, continue) -> bytes
    for kind, items in by_kind.items():
        path_ = COLLECTIONS[kind]
        version = path_.split("/")[-2] if path_.startswith("/api/") else "/".join(path_.split("/")[2:4])
        for start in range(0, len(items), page_size):
            token = "" if start == 0 else f"{kind}-{start}"
            nxt = f"{kind}-{start + page_size}" if start + page_size < len(items) else ""
            head = ('{"kind":"%sList","apiVersion":"%s","metadata":{"resourceVersion":"1"%s},"items":[\n' %
                    (kind, version, ',"continue":"%s"' % nxt if nxt else "")).encode()
            pages[(path_, token)] = head + b",\n".join(items[start:start + page_size]) + b"\n]}\n"
    return pages, cilium_config, objects


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cluster_json")
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--tls-cert", required=True)
    ap.add_argument("--tls-key", required=True)
    ap.add_argument("--page-size", type=int, default=500)
    args = ap.parse_args()
    pages, cilium_config, objects = render(args.cluster_json, args.page_size)
    print(f"rendered {objects} objects into {len(pages)} pages, {sum(map(len, pages.values())) / 1e6:.0f} MB",
          file=sys.stderr)
    simple = {
        "/version": b'{"major":"1","minor":"31","gitVersion":"v1.31.2-eks-bench"}',
        "/api": b'{"kind":"APIVersions","versions":["v1"]}',
        "/apis": ('{"kind":"APIGroupList","groups":[%s]}' % ",".join(
            '{"name":"%s","versions":[{"groupVersion":"%s","version":"%s"}]}' % (gv.split("/")[0], gv, gv.split("/")[1])
            for gv in GROUPS)).encode(),
    }
    not_found = b'{"kind":"Status","status":"Failure","reason":"NotFound","code":404}'

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def send(self, code, body):
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            if url.path in simple:
                return self.send(200, simple[url.path])
            if url.path == "/api/v1/namespaces/kube-system/configmaps/cilium-config":
                return self.send(200, cilium_config) if cilium_config else self.send(404, not_found)
            token = urllib.parse.parse_qs(url.query).get("continue", [""])[0]
            page = pages.get((url.path, token))
            if page is None:
                if token == "" and url.path.startswith("/api"):
                    return self.send(200, b'{"kind":"List","apiVersion":"v1","metadata":{},"items":[]}')
                return self.send(404, not_found)
            self.send(200, page)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(args.tls_cert, args.tls_key)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
