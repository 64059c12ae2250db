#include "k8s/taints.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <string_view>

#include "k8s/label_selector.h"

namespace hybridctl::k8s {
namespace {

constexpr std::string_view kNoSchedule = "NoSchedule";
constexpr std::string_view kPreferNoSchedule = "PreferNoSchedule";
constexpr std::string_view kNoExecute = "NoExecute";

// content.IsDecimalInteger: "0", or an optional '-' then 1-9 then digits.
// Stricter than ParseInt on purpose upstream: "0950" and "+5" are rejected so
// that a leading zero cannot be mistaken for octal.
bool is_canonical_decimal(std::string_view s) {
  if (!s.empty() && s.front() == '-') {
    s.remove_prefix(1);
  } else if (s == "0") {
    return true;
  }
  if (s.empty() || s.front() < '1' || s.front() > '9') {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int64_t> parse_comparable(std::string_view s) {
  if (!is_canonical_decimal(s)) {
    return std::nullopt;
  }
  return parse_int64_base10(s);  // still fails beyond the int64 range
}

bool compare_numeric(const model::Toleration& toleration, const model::Taint& taint) {
  std::optional<int64_t> bound = parse_comparable(toleration.value);
  std::optional<int64_t> actual = parse_comparable(taint.value);
  if (!bound || !actual) {
    return false;
  }
  return toleration.op == "Lt" ? *actual < *bound : *actual > *bound;
}

bool tolerated_by_any(const std::vector<model::Toleration>& tolerations, const model::Taint& taint) {
  return std::any_of(tolerations.begin(), tolerations.end(),
                     [&](const model::Toleration& t) { return toleration_tolerates_taint(t, taint); });
}

}  // namespace

bool toleration_tolerates_taint(const model::Toleration& toleration, const model::Taint& taint) {
  if (!toleration.effect.empty() && toleration.effect != taint.effect) {
    return false;
  }
  if (!toleration.key.empty() && toleration.key != taint.key) {
    return false;
  }
  if (toleration.op.empty() || toleration.op == "Equal") {
    return toleration.value == taint.value;
  }
  if (toleration.op == "Exists") {
    return true;
  }
  if (toleration.op == "Lt" || toleration.op == "Gt") {
    return compare_numeric(toleration, taint);
  }
  return false;
}

const model::Taint* first_untolerated_filtering_taint(const std::vector<model::Toleration>& tolerations,
                                                      const std::vector<model::Taint>& taints) {
  for (const model::Taint& taint : taints) {
    if (taint.effect != kNoSchedule && taint.effect != kNoExecute) {
      continue;
    }
    if (!tolerated_by_any(tolerations, taint)) {
      return &taint;
    }
  }
  return nullptr;
}

int64_t intolerable_prefer_no_schedule_count(const std::vector<model::Toleration>& tolerations,
                                             const std::vector<model::Taint>& taints) {
  // Mirrors upstream's PreScore: only tolerations that can apply to
  // PreferNoSchedule take part (others could not match such a taint anyway).
  std::vector<model::Toleration> scoring;
  std::copy_if(tolerations.begin(), tolerations.end(), std::back_inserter(scoring),
               [](const model::Toleration& t) { return t.effect.empty() || t.effect == kPreferNoSchedule; });
  int64_t count = 0;
  for (const model::Taint& taint : taints) {
    if (taint.effect == kPreferNoSchedule && !tolerated_by_any(scoring, taint)) {
      ++count;
    }
  }
  return count;
}

}  // namespace hybridctl::k8s
