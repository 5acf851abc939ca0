#include "kb/editorial/merge_rules.h"

#include <string>

namespace kb::editorial {

Status CheckMergeIds(std::string_view kept, std::string_view duplicate) {
  if (kept != duplicate) return Status::Ok();
  return Status::InvalidArgument(
      "veld \"duplicate\": een document kan niet met zichzelf worden samengevoegd");
}

Status CheckMerge(const MergeSide& kept, const MergeSide& duplicate) {
  if (Status s = CheckMergeIds(kept.id, duplicate.id); !s.ok()) return s;
  const std::string duplicate_id(duplicate.id), kept_id(kept.id);
  if (!duplicate.merged_into.empty()) {
    return Status::InvalidArgument("veld \"duplicate\": document " + duplicate_id +
                                   " is al samengevoegd met " + std::string(duplicate.merged_into) +
                                   "; maak dat eerst ongedaan");
  }
  if (!kept.merged_into.empty()) {
    return Status::InvalidArgument("veld \"kept\": document " + kept_id +
                                   " is zelf samengevoegd met " + std::string(kept.merged_into) +
                                   "; kies dat document als het te bewaren document");
  }
  if (duplicate.has_duplicates) {
    return Status::InvalidArgument("veld \"duplicate\": document " + duplicate_id +
                                   " heeft zelf samengevoegde dubbelen; kies het als te bewaren "
                                   "document of maak die eerst ongedaan");
  }
  return Status::Ok();
}

}  // namespace kb::editorial
