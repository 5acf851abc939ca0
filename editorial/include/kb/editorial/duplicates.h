// Duplicates: pairs of documents kb-indexer's near-duplicate detection proposes, and the
// editors' decisions on them (merged, rejected). A decided pair stays decided: proposing it again
// changes nothing.
//
// Thread-safety: as its Connection (safe to share).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kb/core/status.h"
#include "kb/editorial/connection.h"

namespace kb::editorial {

// A proposed pair (a < b, ids sorted).
struct DuplicateCandidate {
  std::string a;
  std::string b;
  double similarity = 0;  // estimated Jaccard of the shingle sets, [0, 1]
  std::string status;     // "proposed", "merged", "rejected"
  std::string time;
};

// InvalidArgument naming fields "a" and "b" when an id is missing or both are the same document.
Status CheckPair(std::string_view a, std::string_view b);

class Duplicates {
 public:
  explicit Duplicates(Connection& connection) : connection_(connection) {}

  // CheckPair's errors; the ids may come in either order.
  Status Propose(std::string_view a, std::string_view b, double similarity);
  // Many proposals in one transaction (one disk sync instead of one per pair); uses each
  // candidate's a, b and similarity. All or nothing.
  Status ProposeAll(const std::vector<DuplicateCandidate>& candidates);
  // An editor judged the pair not to be duplicates; audited as "reject-duplicate" under both.
  Status Reject(std::string_view a, std::string_view b, std::string_view editor);
  // Highest similarity first; status "" lists all.
  Result<std::vector<DuplicateCandidate>> List(std::string_view status) const;

  // Records a decision ("merged", "rejected") on a pair given in either order, inside a
  // transaction the caller holds (a merge decides its pair).
  static Status DecideIn(Database& db, std::string_view x, std::string_view y,
                         std::string_view status);

 private:
  Connection& connection_;
};

}  // namespace kb::editorial
