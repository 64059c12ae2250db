// Turns documents into model objects: dispatches on apiVersion/kind, walks
// Lists (Lists inside Lists too) and recognises `aws eks describe-cluster`
// output. A wrong type in a field the model reads skips that object with an
// error; the rest of the document is still used.
#pragma once

#include "core/diagnostic.h"
#include "decode/document_sink.h"
#include "decode/load_options.h"
#include "model/snapshot.h"

namespace hybridctl::decode {

class ObjectDecoder {
 public:
  ObjectDecoder(model::Snapshot& into, Diagnostics& diagnostics, const LoadOptions& options = {})
      : into_(into), diagnostics_(diagnostics), options_(options) {}

  // A top-level document of a file (an object, a List or describe-cluster).
  void decode_document(const Value& root, const DocumentContext& ctx);
  // One element of a streamed List's `items`. `default_kind` is used for
  // items that carry no kind (a raw API PodList).
  void decode_item(const Value& item, const DocumentContext& ctx, std::string_view default_kind = {});
  size_t errors() const { return errors_; }

 private:
  void decode_object(const Value& obj, const DocumentContext& ctx, std::string_view default_kind, int depth);
  void decode_list(const Value& list, const DocumentContext& ctx, int depth);
  void error_at(const DocumentContext& ctx, uint64_t offset, std::string message);

  model::Snapshot& into_;
  Diagnostics& diagnostics_;
  LoadOptions options_;
  size_t errors_ = 0;
};

// True for the kinds that have no namespace.
bool is_cluster_scoped(std::string_view kind);

}  // namespace hybridctl::decode
