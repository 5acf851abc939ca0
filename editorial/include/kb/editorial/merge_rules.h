// The rules a merge must keep, in one place. Edits::SaveMerge checks them against the store
// inside its transaction (the source of truth); kb-searchd's editors' API checks them against
// the index before it saves. Either way a refused merge gets the same Dutch message, naming the
// field of the request ("kept" or "duplicate").
#pragma once

#include <string_view>

#include "kb/core/status.h"

namespace kb::editorial {

// One document of a proposed merge, as the rules see it.
struct MergeSide {
  std::string_view id;
  std::string_view merged_into;  // the kept document's id when this one is a merged duplicate
  bool has_duplicates = false;   // other documents are merged into this one
};

// InvalidArgument (veld "duplicate") when kept and duplicate are one document. Needs only the
// ids, so a caller can refuse before it looks the documents up.
Status CheckMergeIds(std::string_view kept, std::string_view duplicate);

// CheckMergeIds, then InvalidArgument for a merge that would make a chain, where "which
// document shows" is ambiguous: a duplicate already merged (veld "duplicate"), a kept document
// that is itself merged (veld "kept"), or a duplicate that has merged duplicates (veld
// "duplicate"). The first rule broken, in that order, is the one reported.
Status CheckMerge(const MergeSide& kept, const MergeSide& duplicate);

}  // namespace kb::editorial
