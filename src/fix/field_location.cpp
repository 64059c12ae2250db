#include "fix/field_location.h"

#include "core/json_pointer.h"

namespace hybridctl::fix {
namespace {

// "/spec/template/spec" → "spec.template.spec"; a member name holding '.' or
// '/' (an annotation or label key) reads ["service.kubernetes.io/topology-mode"].
std::string dotted(std::string_view pointer) {
  std::string out;
  size_t start = 1;
  while (start <= pointer.size()) {
    size_t end = pointer.find('/', start);
    if (end == std::string_view::npos) end = pointer.size();
    std::string name = json_pointer_name(pointer.substr(start, end - start));
    if (name.find_first_of("./") != std::string::npos) {
      out += "[\"" + name + "\"]";
    } else {
      out += (out.empty() ? "" : ".") + name;
    }
    start = end + 1;
  }
  return out;
}

std::string last_name(std::string_view pointer) { return json_pointer_name(pointer.substr(pointer.rfind('/') + 1)); }

}  // namespace

std::string FieldLocation::place() const {
  return source + ":" + std::to_string(position.line) + ":" + std::to_string(position.column);
}

std::string FieldLocation::field_name() const { return dotted(field); }

std::string FieldLocation::text() const {
  if (exact) return place() + " " + dotted(field);
  return place() + " " + dotted(recorded) + " (" + dotted(field.substr(recorded.size())) + " is added there)";
}

std::optional<FieldLocation> locate_field(const model::Snapshot& snapshot, const model::Origin& object,
                                          std::string_view pointer) {
  if (object.file >= snapshot.files.size() || pointer.empty()) return std::nullopt;
  auto nearest = snapshot.field_positions.find_nearest(object, pointer);
  if (!nearest) return std::nullopt;
  return FieldLocation{snapshot.files[object.file], nearest->position, std::string(pointer),
                       std::string(nearest->pointer), nearest->exact};
}

std::optional<FieldLocation> locate_patch_field(const model::Snapshot& snapshot, const ObjectOrigins& origins,
                                                const RenderedPatch& patch, const model::Origin& known) {
  model::Origin origin = known;
  if (origin.file == UINT32_MAX) origin = origins.find(patch.target).value_or(origin);
  return locate_field(snapshot, origin, patch.field);
}

std::string first_field_location(const model::Snapshot& snapshot, const ObjectOrigins& origins,
                                 const rules::Finding& finding, const std::vector<RenderedPatch>& patches) {
  for (const RenderedPatch& p : patches) {
    auto location =
        locate_patch_field(snapshot, origins, p, p.target == finding.object ? finding.origin : model::Origin{});
    if (location && location->source != "-") return location->text();
  }
  return "";
}

bool still_in_place(std::string_view text, const FieldLocation& location) {
  const model::FieldPosition& p = location.position;
  if (p.key_offset >= text.size() || p.value_offset > text.size()) return false;
  std::string name = last_name(location.recorded);
  std::string_view at = text.substr(p.key_offset);
  // A key is written plain (YAML) or quoted (JSON, or YAML that quotes it).
  size_t quote = !at.empty() && (at[0] == '"' || at[0] == '\'') ? 1 : 0;
  if (at.substr(quote, name.size()) != name) return false;
  size_t after = quote + name.size();
  if (quote && (after >= at.size() || at[after] != at[0])) return false;
  at = at.substr(after + quote);
  size_t colon = at.find_first_not_of(" \t");
  return colon != std::string_view::npos && at[colon] == ':';
}

}  // namespace hybridctl::fix
