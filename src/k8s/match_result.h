// The answer of every matcher in src/k8s: did it match, and was the input
// even valid. Upstream keeps parse errors apart from "no match" (a term with
// an invalid value matches nothing, yet the error is reported), so do we.
#pragma once

#include <string>

namespace hybridctl::k8s {

struct MatchResult {
  bool matched = false;
  // Non-empty = the requirement/term was invalid; matched is then false.
  std::string error;

  bool valid() const { return error.empty(); }
};

}  // namespace hybridctl::k8s
