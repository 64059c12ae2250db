#include "k8s/label_selector.h"

#include <algorithm>
#include <limits>

namespace hybridctl::k8s {
namespace {

constexpr size_t kLabelNameMaxLength = 63;
constexpr size_t kLabelValueMaxLength = 63;
constexpr size_t kDnsSubdomainMaxLength = 253;

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9] — shared by label names and
// non-empty label values.
bool matches_label_token(std::string_view s) {
  if (s.empty() || !is_alnum(s.front()) || !is_alnum(s.back())) {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; });
}

// RFC 1123 subdomain: dot-separated [a-z0-9]([-a-z0-9]*[a-z0-9])? labels.
// Upstream checks only the total length, not each label's.
bool matches_dns1123_subdomain(std::string_view s) {
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    std::string_view part = s.substr(start, dot == std::string_view::npos ? s.npos : dot - start);
    if (part.empty() || !is_lower_alnum(part.front()) || !is_lower_alnum(part.back())) {
      return false;
    }
    for (char c : part) {
      if (!is_lower_alnum(c) && c != '-') {
        return false;
      }
    }
    if (dot == std::string_view::npos) {
      return true;
    }
    start = dot + 1;
  }
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string values_count_error(SelectionOp op, size_t count) {
  switch (op) {
    case SelectionOp::In:
    case SelectionOp::NotIn:
      if (count == 0) {
        return "values: Invalid value: for 'in', 'notin' operators, values set can't be empty";
      }
      break;
    case SelectionOp::Exists:
    case SelectionOp::DoesNotExist:
      if (count != 0) {
        return "values: Invalid value: values set must be empty for exists and does not exist";
      }
      break;
    case SelectionOp::Gt:
    case SelectionOp::Lt:
      if (count != 1) {
        return "values: Invalid value: for 'Gt', 'Lt' operators, exactly one value is required";
      }
      break;
  }
  return {};
}

// Everything labels.NewRequirement rejects, joined; empty when valid.
std::string requirement_error(std::string_view key, SelectionOp op, const std::vector<std::string>& values) {
  std::string errors;
  if (std::string e = label_key_error(key); !e.empty()) {
    append_error(errors, "key: Invalid value: " + quoted(key) + ": " + e);
  }
  append_error(errors, values_count_error(op, values.size()));
  const bool numeric = op == SelectionOp::Gt || op == SelectionOp::Lt;
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string where = "values[" + std::to_string(i) + "]: Invalid value: " + quoted(values[i]);
    if (numeric && !parse_int64_base10(values[i])) {
      append_error(errors, where + ": for 'Gt', 'Lt' operators, the value must be an integer");
    }
    if (std::string e = label_value_error(values[i]); !e.empty()) {
      append_error(errors, where + ": ");
      errors += e;
    }
  }
  return errors;
}

bool has_value(const std::vector<std::string>& values, std::string_view v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

// Requirement.Matches on an already validated requirement.
bool requirement_holds(std::string_view key, SelectionOp op, const std::vector<std::string>& values,
                       const StringMap& labels) {
  const std::string* label = labels.find(key);
  switch (op) {
    case SelectionOp::In:
      return label && has_value(values, *label);
    case SelectionOp::NotIn:
      return !label || !has_value(values, *label);
    case SelectionOp::Exists:
      return label != nullptr;
    case SelectionOp::DoesNotExist:
      return label == nullptr;
    case SelectionOp::Gt:
    case SelectionOp::Lt: {
      if (!label || values.size() != 1) {
        return false;
      }
      std::optional<int64_t> have = parse_int64_base10(*label);
      std::optional<int64_t> bound = parse_int64_base10(values.front());
      if (!have || !bound) {
        return false;
      }
      return op == SelectionOp::Gt ? *have > *bound : *have < *bound;
    }
  }
  return false;
}

std::optional<SelectionOp> metav1_operator(std::string_view op) {
  if (op == "In") {
    return SelectionOp::In;
  }
  if (op == "NotIn") {
    return SelectionOp::NotIn;
  }
  if (op == "Exists") {
    return SelectionOp::Exists;
  }
  if (op == "DoesNotExist") {
    return SelectionOp::DoesNotExist;
  }
  return std::nullopt;
}

// ANDs one more requirement into `acc`, keeping the first error: upstream
// parses the whole selector before matching, so an invalid requirement
// anywhere makes the selector match nothing.
void and_into(MatchResult& acc, const MatchResult& next) {
  if (!next.error.empty() && acc.error.empty()) {
    acc.error = next.error;
  }
  acc.matched = acc.matched && next.matched && acc.error.empty();
}

}  // namespace

void append_error(std::string& errors, std::string_view message) {
  if (message.empty()) return;
  if (!errors.empty()) errors += "; ";
  errors += message;
}

std::string label_key_error(std::string_view key) {
  std::string errors;
  std::string_view name = key;
  if (size_t slash = key.find('/'); slash != std::string_view::npos) {
    std::string_view prefix = key.substr(0, slash);
    name = key.substr(slash + 1);
    if (name.find('/') != std::string_view::npos) {
      return "a valid label key must consist of alphanumeric characters, '-', '_' or '.', with an "
             "optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
    }
    if (prefix.empty()) {
      append_error(errors, "prefix part must be non-empty");
    } else {
      if (prefix.size() > kDnsSubdomainMaxLength) {
        append_error(errors, "prefix part must be no more than 253 characters");
      }
      if (!matches_dns1123_subdomain(prefix)) {
        append_error(errors,
                     "prefix part a lowercase RFC 1123 subdomain must consist of lower case "
                     "alphanumeric characters, '-' or '.', and must start and end with an "
                     "alphanumeric character");
      }
    }
  }
  if (name.empty()) {
    append_error(errors, "name part must be non-empty");
    return errors;
  }
  if (name.size() > kLabelNameMaxLength) {
    append_error(errors, "name part must be no more than 63 characters");
  }
  if (!matches_label_token(name)) {
    append_error(errors,
                 "name part must consist of alphanumeric characters, '-', '_' or '.', and must "
                 "start and end with an alphanumeric character");
  }
  return errors;
}

std::string label_value_error(std::string_view value) {
  std::string errors;
  if (value.size() > kLabelValueMaxLength) {
    append_error(errors, "must be no more than 63 characters");
  }
  if (!value.empty() && !matches_label_token(value)) {
    append_error(errors,
                 "a valid label must be an empty string or consist of alphanumeric characters, "
                 "'-', '_' or '.', and must start and end with an alphanumeric character");
  }
  return errors;
}

std::optional<int64_t> parse_int64_base10(std::string_view text) {
  if (text.empty()) {
    return std::nullopt;
  }
  bool negative = false;
  if (text.front() == '+' || text.front() == '-') {
    negative = text.front() == '-';
    text.remove_prefix(1);
    if (text.empty()) {
      return std::nullopt;
    }
  }
  const uint64_t max_positive = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  const uint64_t limit = negative ? max_positive + 1 : max_positive;
  uint64_t magnitude = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (magnitude > (limit - digit) / 10) {
      return std::nullopt;  // out of int64 range
    }
    magnitude = magnitude * 10 + digit;
  }
  if (!negative) {
    return static_cast<int64_t>(magnitude);
  }
  if (magnitude == max_positive + 1) {
    return std::numeric_limits<int64_t>::min();
  }
  return -static_cast<int64_t>(magnitude);
}

MatchResult selection_requirement_matches(std::string_view key, SelectionOp op, const std::vector<std::string>& values,
                                          const StringMap& labels) {
  std::string error = requirement_error(key, op, values);
  if (!error.empty()) {
    return {false, std::move(error)};
  }
  return {requirement_holds(key, op, values, labels), {}};
}

MatchResult label_requirement_matches(const model::Requirement& requirement, const StringMap& labels) {
  std::optional<SelectionOp> op = metav1_operator(requirement.op);
  if (!op) {
    return {false, quoted(requirement.op) + " is not a valid label selector operator"};
  }
  return selection_requirement_matches(requirement.key, *op, requirement.values, labels);
}

MatchResult label_selector_matches(const model::LabelSelector& selector, const StringMap& labels) {
  if (!selector.present) {
    return {false, {}};
  }
  MatchResult result{true, {}};
  for (const auto& [key, value] : selector.match_labels) {
    // matchLabels entries are Equals requirements: one value, same matching as In.
    and_into(result, selection_requirement_matches(key, SelectionOp::In, {value}, labels));
  }
  for (const model::Requirement& requirement : selector.match_expressions) {
    and_into(result, label_requirement_matches(requirement, labels));
  }
  return result;
}

bool selector_map_matches(const StringMap& selector, const StringMap& labels) {
  return std::all_of(selector.begin(), selector.end(), [&](const StringMap::Entry& entry) {
    const std::string* value = labels.find(entry.first);
    return value && *value == entry.second;
  });
}

}  // namespace hybridctl::k8s
