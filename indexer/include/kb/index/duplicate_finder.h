// Proposing near-duplicate pairs after an indexing run, from the MinHash band terms and
// signatures DocumentBuilder stored (see kb/index/minhash.h for the method).
//
// For each document indexed in the run, the documents sharing one of its band terms are the
// candidates (a band term on more than kMaxBandPostings documents is boilerplate and skipped);
// a candidate whose estimated Jaccard similarity is at least the threshold is proposed. Hidden
// documents (schema::kEditorialHidden: hidden by an editor or merged into another) are never
// proposed again, on either side of a pair.
//
// Threshold kDuplicateThreshold = 0.5, measured on ../shared/corpus/docs (bench/duplicates/run.sh
// lists every pair, tests/indexer/data/duplicate_pairs.tsv holds the judged list): the same
// article or report under two names scores 0.9-1.0, the same report as PDF and as Markdown
// 0.5-0.9 (PDF extraction adds page headers, footers and hyphenation), a different cover page
// costs a few slots; unrelated documents of one series (the iWmo/iJw protocol casuses, laws
// amending each other) stay below 0.35.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "kb/core/status.h"

namespace kb::index {

inline constexpr double kDuplicateThreshold = 0.5;
inline constexpr Xapian::doccount kMaxBandPostings = 1000;

struct DuplicatePair {
  std::string a;  // document ids, a < b
  std::string b;
  double similarity = 0;  // estimated Jaccard similarity of the shingle sets
};

// The pairs of each document in `ids` (document ids) with at least `threshold` similarity,
// unique, sorted by (a, b). Internal when Xapian fails.
Result<std::vector<DuplicatePair>> FindDuplicates(const Xapian::Database& db,
                                                  const std::vector<std::string>& ids,
                                                  double threshold = kDuplicateThreshold);

// Every pair of visible documents in the index with at least `threshold` similarity, compared
// exhaustively (no LSH): for measuring the method on a corpus, quadratic in the documents.
Result<std::vector<DuplicatePair>> AllSimilarPairs(const Xapian::Database& db, double threshold);

}  // namespace kb::index
