// `--baseline FILE` and `--write-baseline FILE` (CLI.md "Common flags"): a
// previous `-o json` output names the findings already known; a run then
// reports only the others. A finding matches by rule and object (kind,
// namespace, name), never by message, so a reworded message or a moved line
// keeps it matched.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "rules/finding.h"

namespace hybridctl::report {

struct Baseline {
  // (rule, kind, namespace, name); the rule id in its canonical case.
  std::set<std::tuple<std::string, std::string, std::string, std::string>> findings;
  bool contains(const rules::Finding& f) const;
};

// The findings of an `audit -o json` (or `simulate -o json`) document; nullopt
// and `error` when the text is not one.
std::optional<Baseline> parse_baseline(std::string_view json, std::string& error);
// Reads and parses `path`; errors name the file.
std::optional<Baseline> read_baseline(const std::string& path, std::string& error);

// Removes the findings the baseline holds; returns how many.
size_t drop_baselined(std::vector<rules::Finding>& findings, const Baseline& baseline);

// Writes `content` to `path` through a temporary file in the same directory
// renamed over it: a reader never sees half a baseline. False and `error` on
// failure (the old file is then untouched).
bool write_file_atomically(const std::string& path, std::string_view content, std::string& error);

}  // namespace hybridctl::report
