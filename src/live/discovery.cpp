#include "live/discovery.h"

#include "decode/json_reader.h"
#include "live/list_reader.h"

namespace hybridctl::live {
namespace {

bool get_json(net::HttpClient& client, const std::string& path, Value& out, std::string& error) {
  std::string body;
  net::HttpResponse r = client.get(path, body);
  if (!r.transport_error.empty()) {
    error = "GET " + path + ": " + r.transport_error;
    return false;
  }
  if (!r.ok()) {
    error =
        "GET " + path + ": the API server answered " + std::to_string(r.status) + ": " + status_message(r.error_body);
    return false;
  }
  decode::JsonReadResult parsed =
      decode::read_json_text(body, 0, path, [&out](Value&& v, const decode::DocumentContext&) { out = std::move(v); });
  if (!parsed.ok) {
    error = "GET " + path + ": not JSON (" + parsed.error + ")";
    return false;
  }
  return true;
}

std::string text_of(const Value* v) { return v && v->is_scalar() ? v->text() : ""; }

}  // namespace

std::string major_minor(const std::string& git_version) {
  std::string v = git_version;
  if (!v.empty() && v[0] == 'v') v.erase(0, 1);
  size_t dot = v.find('.');
  if (dot == std::string::npos || dot == 0) return "";
  size_t end = dot + 1;
  while (end < v.size() && v[end] >= '0' && v[end] <= '9') ++end;
  if (end == dot + 1) return "";
  for (size_t i = 0; i < dot; ++i) {
    if (v[i] < '0' || v[i] > '9') return "";
  }
  return v.substr(0, end);
}

bool discover(net::HttpClient& client, Discovery& out, std::string& error) {
  Value version, core, groups;
  if (!get_json(client, "/version", version, error)) return false;
  out.git_version = text_of(version.get("gitVersion"));
  if (!get_json(client, "/api", core, error)) return false;
  if (const Value* versions = core.get("versions"); versions && versions->is_array()) {
    for (const Value& v : versions->items()) out.served.insert(text_of(&v));
  }
  if (!get_json(client, "/apis", groups, error)) return false;
  if (const Value* list = groups.get("groups"); list && list->is_array()) {
    for (const Value& g : list->items()) {
      const Value* versions = g.get("versions");
      if (!versions || !versions->is_array()) continue;
      for (const Value& v : versions->items()) out.served.insert(text_of(v.get("groupVersion")));
    }
  }
  return true;
}

}  // namespace hybridctl::live
