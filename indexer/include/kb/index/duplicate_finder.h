// Proposing near-duplicate pairs after an indexing run, from the MinHash band terms and
// signatures DocumentBuilder stored (see kb/index/minhash.h for the method).
//
// For each document indexed in the run, the documents sharing one of its band terms are the
// candidates (a band term on more than kMaxBandPostings documents is boilerplate and skipped);
// a candidate whose estimated Jaccard similarity is at least the threshold is proposed. Hidden
// documents (schema::kEditorialHidden: hidden by an editor or merged into another) are never
// proposed again, on either side of a pair.
//
// Thresholds, measured on ../shared/corpus/docs (bench/duplicates/run.sh lists every pair with an
// estimated similarity >= 0.2; tests/indexer/data/duplicate_pairs.tsv holds the judged list):
//  - the same article under two names scores 1.0; the same report as PDF and as Markdown 0.52
//    (PDF extraction adds running heads, page numbers and hyphenation; the Markdown has its own
//    table layout); a copy with another cover page loses only that page's shingles.
//  - documents of one series built from one template score as high or higher: two variants of a
//    procurement document 0.81, two SAP protocol variants 0.61, the village pages of one area
//    scan 0.42-0.61, two accessibility reports of one app 0.39.
// Text similarity alone cannot tell those apart, but their titles can: a series names each
// member differently. So a pair is proposed when
//    similarity >= kSureThreshold (0.85): the same text, whatever the titles say; or
//    similarity >= kDuplicateThreshold (0.45, below the 0.52 of the PDF/Markdown pair for a margin)
//    and the titles' word sets agree (Jaccard >= kTitleAgreement, 0.75).
// With these, every pair proposed on the corpus is a real duplicate (precision 2/2) and both known
// duplicates are found (recall 2/2); on similarity alone precision would be 2/13 at 0.5 and 2/16
// at 0.45 (all pairs compared).
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "kb/core/status.h"

namespace kb::index {

inline constexpr double kDuplicateThreshold = 0.45;
inline constexpr double kSureThreshold = 0.85;
inline constexpr double kTitleAgreement = 0.75;
inline constexpr Xapian::doccount kMaxBandPostings = 1000;

struct DuplicatePair {
  std::string a;  // document ids, a < b
  std::string b;
  double similarity = 0;  // estimated Jaccard similarity of the shingle sets
};

// The pairs of each document in `ids` (document ids) that pass the rule above with `threshold`
// as the lower tier, unique, sorted by (a, b). Internal when Xapian fails.
Result<std::vector<DuplicatePair>> FindDuplicates(const Xapian::Database& db,
                                                  const std::vector<std::string>& ids,
                                                  double threshold = kDuplicateThreshold);

// Every pair of visible documents in the index with at least `threshold` similarity, compared
// exhaustively (no LSH): for measuring the method on a corpus, quadratic in the documents.
Result<std::vector<DuplicatePair>> AllSimilarPairs(const Xapian::Database& db, double threshold);

}  // namespace kb::index
