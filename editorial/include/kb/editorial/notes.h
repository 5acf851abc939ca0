// Notes: what editors write down about a document (a question asked, a source checked). Notes
// change nothing kb-indexer applies.
//
// Thread-safety: as its Connection (safe to share).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kb/core/status.h"
#include "kb/editorial/connection.h"

namespace kb::editorial {

struct Note {
  std::int64_t id = 0;
  std::string doc_id;
  std::string editor;
  std::string time;
  std::string text;
};

class Notes {
 public:
  explicit Notes(Connection& connection) : connection_(connection) {}

  // InvalidArgument for an empty doc_id or editor, or (field "text") an empty note; audited as
  // "note".
  Status Add(std::string_view doc_id, std::string_view text, std::string_view editor);
  Result<std::vector<Note>> For(std::string_view doc_id) const;  // oldest first

 private:
  Connection& connection_;
};

}  // namespace kb::editorial
