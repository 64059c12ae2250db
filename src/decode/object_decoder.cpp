#include "decode/object_decoder.h"

#include "decode/decode_kinds.h"
#include "decode/field_positions_recorder.h"
#include "decode/field_reader.h"

namespace hybridctl::decode {
namespace {

constexpr int kMaxListNesting = 16;

bool is_list_kind(std::string_view kind) { return kind == "List" || kind.ends_with("List"); }

}  // namespace

bool is_cluster_scoped(std::string_view kind) {
  static constexpr std::string_view kinds[] = {"Node",
                                               "Namespace",
                                               "MutatingWebhookConfiguration",
                                               "ValidatingWebhookConfiguration",
                                               "APIService",
                                               "CustomResourceDefinition",
                                               "ClusterRole",
                                               "ClusterRoleBinding",
                                               "PersistentVolume",
                                               "StorageClass",
                                               "IngressClass",
                                               "PriorityClass",
                                               "CSIDriver",
                                               "CiliumNode",
                                               "CiliumBGPPeeringPolicy",
                                               "CiliumBGPClusterConfig",
                                               "CiliumBGPPeerConfig",
                                               "CiliumBGPAdvertisement",
                                               "CiliumBGPNodeConfig",
                                               "CiliumPodIPPool",
                                               "CiliumLoadBalancerIPPool",
                                               "IPPool",
                                               "BGPConfiguration",
                                               "BGPPeer",
                                               "Installation",
                                               "APIServer",
                                               "FelixConfiguration",
                                               "ValidatingAdmissionPolicy",
                                               "ValidatingAdmissionPolicyBinding",
                                               "NodePool",
                                               "EC2NodeClass",
                                               "IngressClassParams",
                                               "RuntimeClass",
                                               "Whisker",
                                               "Goldmane"};
  for (std::string_view k : kinds) {
    if (k == kind) return true;
  }
  return false;
}

void ObjectDecoder::error_at(const DocumentContext& ctx, uint64_t offset, std::string message) {
  LineCol lc = ctx.lines->locate(offset);
  diagnostics_.error(Location{*ctx.path, lc.line, lc.column}, std::move(message));
  ++errors_;
}

void ObjectDecoder::decode_document(const Value& root, const DocumentContext& ctx) {
  if (!root.is_object()) {
    error_at(
        ctx, root.offset(),
        std::string("expected a Kubernetes object (a mapping), got ") + std::string(Value::kind_name(root.kind())));
    return;
  }
  if (const Value* cluster = root.get("cluster"); cluster && !root.get("kind")) {
    try {
      into_.cluster_info = decode_cluster_info(*cluster, ctx);
    } catch (const DecodeError& e) {
      error_at(ctx, e.offset, std::string("describe-cluster: ") + e.what());
    }
    return;
  }
  decode_object(root, ctx, {}, 0);
}

void ObjectDecoder::decode_item(const Value& item, const DocumentContext& ctx, std::string_view default_kind) {
  if (!item.is_object()) {
    error_at(ctx, item.offset(),
             std::string("items[]: expected an object, got ") + std::string(Value::kind_name(item.kind())));
    return;
  }
  decode_object(item, ctx, default_kind, 1);
}

void ObjectDecoder::decode_list(const Value& list, const DocumentContext& ctx, int depth) {
  if (depth > kMaxListNesting) {
    error_at(ctx, list.offset(), "Lists nested more than " + std::to_string(kMaxListNesting) + " deep");
    return;
  }
  std::string kind = list.get("kind") ? list.get("kind")->text() : std::string();
  // A typed list (PodList) names the kind of items that omit their own.
  std::string item_kind = kind != "List" && kind.ends_with("List") ? kind.substr(0, kind.size() - 4) : "";
  const Value* items = list.get("items");
  if (items && !items->is_null() && !items->is_array()) {
    error_at(ctx, items->offset(),
             std::string("items: expected a list, got ") + std::string(Value::kind_name(items->kind())));
    return;
  }
  if (!items) return;
  for (const Value& item : items->items()) {
    if (!item.is_object()) {
      error_at(ctx, item.offset(),
               std::string("items[]: expected an object, got ") + std::string(Value::kind_name(item.kind())));
      continue;
    }
    decode_object(item, ctx, item_kind, depth + 1);
  }
}

void ObjectDecoder::decode_object(const Value& obj, const DocumentContext& ctx, std::string_view default_kind,
                                  int depth) {
  try {
    std::string kind = read_string(obj.get("kind"), "kind");
    if (kind.empty()) kind = default_kind;
    if (const Value* cluster = obj.get("cluster"); kind.empty() && cluster) {
      // describe-cluster output as an item of a List (a cluster profile gathers it with the Nodes).
      try {
        into_.cluster_info = decode_cluster_info(*cluster, ctx);
      } catch (const DecodeError& e) {
        error_at(ctx, e.offset, std::string("describe-cluster: ") + e.what());
      }
      return;
    }
    if (kind.empty()) {
      LineCol lc = ctx.lines->locate(obj.offset());
      diagnostics_.note(Location{*ctx.path, lc.line, lc.column}, "a document without `kind` was ignored");
      return;
    }
    if (is_list_kind(kind) && obj.get("items")) {
      decode_list(obj, ctx, depth);
      return;
    }
    model::ObjectBase base = decode_base(obj, kind, ctx);
    if (base.meta.ns.empty() && !is_cluster_scoped(kind)) base.meta.ns = "default";
    model::Origin origin = base.origin;
    decode_kind(obj, std::move(base), into_);
    // After the object decoded: an object refused for a wrong type records nothing.
    if (options_.field_positions) record_field_positions(obj, kind, origin, ctx, into_.field_positions);
  } catch (const DecodeError& e) {
    error_at(ctx, e.offset, e.what());
  }
}

}  // namespace hybridctl::decode
