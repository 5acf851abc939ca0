// Near-duplicate detection: MinHash signatures of word shingles, banded for LSH.
//
// Method. A document's text (its pages, not the title: two files of one report often carry
// different extracted titles) is split into folded words by the analysis (Analyzer::Words: NFKC,
// case fold, diacritics off, so "Cliënten" in a PDF and "clienten" in a text file agree). Every run
// of kShingleWords consecutive words is a shingle, hashed to 64 bits. For each of kHashes hash
// functions h_i(x) = (a_i * x + b_i) >> 32 (a_i odd, fixed seeds) the signature keeps the minimum
// over all shingles. The fraction of equal slots between two signatures estimates the Jaccard
// similarity of the two shingle sets (standard error about sqrt(J(1-J)/64), 0.06 at J = 0.5).
//
// Why 5-word shingles: with 3 words, unrelated texts of one genre (laws, the iWmo/iJw protocol
// casuses) share many stock phrases; with 8 words the line-break and page-header noise of PDF
// extraction breaks too many shingles of the same report as Markdown. See DuplicateFinder for the
// threshold and the measured figures.
//
// LSH. The first kBands * kRows slots form kBands bands of kRows rows (the 64th slot counts only
// in the similarity); each band becomes one index term schema::kPrefixDuplicateBand + band (2 hex
// digits) + a 32-bit hash of the band's rows (8 hex digits). Two documents sharing any band term
// are candidates: the chance for a pair of Jaccard J is 1 - (1 - J^3)^21, 0.87 at J = 0.45 (the
// lower threshold), 0.94 at 0.5, 0.9998 at 0.7, while unrelated pairs (J = 0.2) become
// candidates 16% of the time and are dropped by the signature comparison. (16 bands of 4 rows
// would find only 64% of the pairs at J = 0.5.)
//
// Texts with fewer than kMinShingles shingles get no signature: a few words say too little to
// call two documents the same report.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kb/analysis/analyzer.h"

namespace kb::index {

class MinHash {
 public:
  static constexpr int kShingleWords = 5;
  static constexpr int kHashes = 64;
  static constexpr int kBands = 21;
  static constexpr int kRows = 3;
  static_assert(kBands * kRows <= kHashes);
  static constexpr std::size_t kMinShingles = 20;

  using Signature = std::vector<std::uint32_t>;  // kHashes values

  // The signature of `pages`' words; nullopt when the text has fewer than kMinShingles shingles.
  // `analyzer` folds and splits the words (the caller's, since an Analyzer is per thread).
  static std::optional<Signature> Of(const std::vector<std::string>& pages,
                                     analysis::Analyzer& analyzer);

  // The kBands band terms (with schema::kPrefixDuplicateBand).
  static std::vector<std::string> BandTerms(const Signature& signature);

  // For value slot schema::kSlotMinHash: kHashes little-endian u32s (256 bytes).
  static std::string Serialise(const Signature& signature);
  // nullopt when `bytes` is not a serialised signature.
  static std::optional<Signature> Parse(const std::string& bytes);

  // Fraction of equal slots, the estimate of the shingle sets' Jaccard similarity.
  static double Similarity(const Signature& a, const Signature& b);
};

}  // namespace kb::index
