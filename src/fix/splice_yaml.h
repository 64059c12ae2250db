// The YAML half of the splicer (ARCHITECTURE.md): applies JSON patch
// operations to the text of one block-style YAML document by rewriting only
// the member or item an operation touches, in the document's own
// indentation and sequence style, and leaves every other byte alone.
// It edits text only; proving the result (re-parse, compare with the
// patched data) is splice_file's job.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"
#include "fix/splice_patch.h"

namespace hybridctl::fix {

// How a document writes nested blocks: spaces per level, and whether a
// sequence under a key starts at the key's column (`key:\n- a`, kubectl's
// style) or one level deeper (`key:\n  - a`).
struct YamlStyle {
  int step = 2;
  bool indentless_sequences = false;
};

YamlStyle detect_yaml_style(std::string_view text);

// Why a file cannot be spliced at all (CRLF, tabs, directives, document
// end markers), or "".
std::string yaml_file_refusal(std::string_view text);

// Why one document cannot be spliced (templates; anchors, aliases, tags,
// merge keys: an edit under an anchor would change every alias of it), or "". The
// block scanner proves their absence where it reads the document; elsewhere
// a conservative look at the text (block scalars' content skipped) decides.
std::string yaml_document_refusal(std::string_view document);

// Applies `op` to `text` (one document) whose data is `doc`, at the object
// found at `object_path` inside it. The caller has already applied `op` to
// its copy of the data; `doc` is the data before `op`. False (with why)
// leaves `text` unchanged.
bool splice_yaml_op(std::string& text, const Value& doc, const std::vector<std::string>& object_path, const PatchOp& op,
                    const YamlStyle& style, std::string& error);

// A scalar as the splicer writes it: plain when YAML reads it back as the
// same string, else double-quoted.
std::string yaml_scalar(const Value& v);

}  // namespace hybridctl::fix
